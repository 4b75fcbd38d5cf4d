import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress } from '@backstage/core-components';
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import {
  isMeshNotConfigured,
  MeshNotConfiguredState,
} from '../common/MeshNotConfiguredState';
import { formatLatency, formatPercent, formatRps } from '../../lib/format';
import { entityGoldenSignals } from '../../lib/goldenSignals';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { FactList } from '../common/FactList';
import { HealthStatus } from '../common/HealthStatus';
import { EntityMeshCard } from './EntityMeshCard';
import { RefetchIndicator } from '../common/MeshResourceView';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5) },
    reasons: { margin: 0, paddingLeft: '1.25em' },
  }),
  { name: 'PluginMeshHealthCard' },
);

function HealthAndSignals({ reader }: { reader: EntityMeshReader }) {
  const classes = useStyles();
  const window = DEFAULT_GRAPH_WINDOW;
  const health = useMeshResource(() => reader.getHealth(window), [reader], {
    autoRefresh: true,
  });
  const graph = useMeshResource(
    () => reader.getGraph({ window, hops: 1 }),
    [reader],
    { autoRefresh: true },
  );
  const error = health.error ?? graph.error;
  if (error) return <MeshErrorPanel error={error} />;
  if (!health.value || !graph.value) return <Progress />;
  if (isMeshNotConfigured(graph.value.errors))
    return <MeshNotConfiguredState compact />;
  const signals = entityGoldenSignals(graph.value);
  const reasons = [...new Set(health.value.health.reasons)].slice(0, 3);

  return (
    <div className={classes.root}>
      <RefetchIndicator loading={health.loading || graph.loading} />
      <HealthStatus status={health.value.health.status} />
      {reasons.length > 0 && (
        <ul className={classes.reasons} aria-label="Health reasons">
          {reasons.map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </ul>
      )}
      <FactList
        facts={[
          [`Requests in (last ${window})`, formatRps(signals.rpsIn)],
          [
            'Error rate',
            signals.errorRateIn === null
              ? '—'
              : formatPercent(signals.errorRateIn),
          ],
          [
            'p95 latency (worst caller)',
            signals.p95In === null ? '—' : formatLatency(signals.p95In),
          ],
        ]}
      />
    </div>
  );
}

/**
 * Overview card: the entity's mesh health with its reasons, and its golden signals (requests in,
 * error rate, p95) over the default window.
 */
export function EntityMeshHealthCard() {
  return (
    <EntityMeshCard title="Mesh health" view="health">
      {reader => <HealthAndSignals reader={reader} />}
    </EntityMeshCard>
  );
}
