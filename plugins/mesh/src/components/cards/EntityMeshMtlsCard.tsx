import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Gauge, Progress } from '@backstage/core-components';
import {
  DEFAULT_GRAPH_WINDOW,
  MeshEntitySecurityResponse,
} from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import {
  isMeshNotConfigured,
  MeshNotConfiguredState,
} from '../common/MeshNotConfiguredState';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { FactList } from '../common/FactList';
import { INBOUND_LABELS } from '../SecurityView/mtlsLabels';
import { EntityMeshCard } from './EntityMeshCard';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', gap: theme.spacing(2), alignItems: 'center' },
    gauge: { width: 120, flexShrink: 0 },
  }),
  { name: 'PluginMeshMtlsCard' },
);

/** How the workloads treat plain text, e.g. `2 plain text refused, 1 plain text accepted`. */
export function inboundSummary(security: MeshEntitySecurityResponse): string {
  const counts = new Map<string, number>();
  for (const workload of security.workloads) {
    const label = INBOUND_LABELS[workload.inbound].toLowerCase();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return (
    [...counts].map(([label, count]) => `${count} ${label}`).join(', ') ||
    'no workload'
  );
}

function MtlsSummary({ reader }: { reader: EntityMeshReader }) {
  const classes = useStyles();
  const security = useMeshResource(
    () => reader.getSecurity(DEFAULT_GRAPH_WINDOW),
    [reader],
    { autoRefresh: true },
  );
  if (security.error) return <MeshErrorPanel error={security.error} />;
  if (!security.value) return <Progress />;
  if (isMeshNotConfigured(security.value.errors))
    return <MeshNotConfiguredState compact />;
  const { inbound, plaintextEdges } = security.value.traffic;
  const share = inbound.requestMtlsShare ?? inbound.bytesMtlsShare;

  return (
    <div className={classes.root}>
      <div className={classes.gauge} aria-label="Inbound traffic over mTLS">
        {share === undefined ? (
          <Typography color="textSecondary">No inbound traffic</Typography>
        ) : (
          <Gauge value={share} size="small" />
        )}
      </div>
      <FactList
        facts={[
          [
            'Inbound over mTLS',
            share === undefined
              ? 'no traffic reported'
              : `last ${DEFAULT_GRAPH_WINDOW}`,
          ],
          [
            'Namespaces',
            security.value.namespaces
              .map(n => `${n.namespace}: ${n.effectiveMode}`)
              .join(', '),
          ],
          ['Workloads', inboundSummary(security.value)],
          ['Plain-text edges', String(plaintextEdges.length)],
        ]}
      />
    </div>
  );
}

/** Overview card: share of inbound traffic over mTLS, namespace modes and plain-text edges. */
export function EntityMeshMtlsCard() {
  return (
    <EntityMeshCard title="Mesh mTLS" view="security">
      {reader => <MtlsSummary reader={reader} />}
    </EntityMeshCard>
  );
}
