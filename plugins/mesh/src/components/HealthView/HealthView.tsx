import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { MeshHealthItem } from '@mesh-portal/plugin-mesh-common';
import { formatPercent, formatRps } from '../../lib/format';
import { summarizeRates } from '../../lib/seriesRows';
import { HealthStatus } from '../common/HealthStatus';
import { WindowedResourceView } from '../common/WindowedResourceView';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { HealthRulesNote } from './HealthRulesNote';

const useStyles = makeStyles(
  theme => ({
    overall: {
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
    },
    reasons: { margin: 0, paddingLeft: '1.25em' },
  }),
  { name: 'PluginMeshHealthView' },
);

const KIND_LABELS: Record<MeshHealthItem['kind'], string> = {
  workload: 'Workload',
  app: 'App',
  service: 'Service',
};
const DATAPLANE_LABELS = {
  sidecar: 'Sidecar',
  ambient: 'Ambient (ztunnel)',
  gateway: 'Gateway',
  none: 'No proxy',
};

function Traffic({ rates }: { rates: MeshHealthItem['requests']['inbound'] }) {
  const { rps, errorShare } = summarizeRates(rates);
  if (rps === 0) return <>—</>;
  return (
    <>
      {formatRps(rps)}
      {errorShare !== null && errorShare > 0 && (
        <Typography variant="caption" color="error" component="div">
          {formatPercent(errorShare)} errors
        </Typography>
      )}
    </>
  );
}

function Reasons({ reasons }: { reasons: string[] }) {
  const classes = useStyles();
  if (reasons.length === 0) return <>—</>;
  return (
    <ul className={classes.reasons}>
      {[...new Set(reasons)].map(reason => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

const columns: TableColumn<MeshHealthItem>[] = [
  { title: 'Kind', field: 'kind', render: item => KIND_LABELS[item.kind] },
  {
    title: 'Name',
    field: 'name',
    render: item => `${item.name} (${item.namespace}, ${item.cluster})`,
  },
  {
    title: 'Health',
    field: 'health.status',
    render: item => <HealthStatus status={item.health.status} />,
  },
  {
    title: 'Reasons',
    field: 'health.reasons',
    sorting: false,
    render: item => <Reasons reasons={item.health.reasons} />,
  },
  {
    title: 'Replicas',
    field: 'replicas.available',
    render: item =>
      item.replicas ? (
        <Typography
          variant="body2"
          color={
            item.replicas.available < item.replicas.desired
              ? 'error'
              : 'textPrimary'
          }
        >
          {item.replicas.available}/{item.replicas.desired} available
        </Typography>
      ) : (
        '—'
      ),
  },
  {
    title: 'Proxy',
    field: 'dataplane',
    render: item => (item.dataplane ? DATAPLANE_LABELS[item.dataplane] : '—'),
  },
  {
    title: 'Inbound',
    sorting: false,
    render: item => <Traffic rates={item.requests.inbound} />,
  },
  {
    title: 'Outbound',
    sorting: false,
    render: item => <Traffic rates={item.requests.outbound} />,
  },
];

const readHealth = (reader: EntityMeshReader, window: string) =>
  reader.getHealth(window);

/**
 * Health sub-view: the entity's overall health and, per workload, app and Service, the status
 * with the reasons that produced it (error rates against thresholds, replicas, proxy state).
 */
export function HealthView(props: MeshSubViewProps) {
  const classes = useStyles();

  return (
    <WindowedResourceView {...props} read={readHealth} subject="health">
      {health => (
        <>
          <InfoCard title={`Health of ${props.entityTitle}`}>
            <div className={classes.overall}>
              <HealthStatus status={health.health.status} />
              <Reasons reasons={health.health.reasons} />
            </div>
          </InfoCard>
          <Table<MeshHealthItem>
            title="Workloads, apps and Services"
            columns={columns}
            data={health.items}
            options={{ paging: false, search: false, padding: 'dense' }}
          />
          <HealthRulesNote />
        </>
      )}
    </WindowedResourceView>
  );
}
