import { waypointText } from '../../lib/waypointText';
import { makeStyles } from '@material-ui/core/styles';
import { GaugeCard, Table, TableColumn } from '@backstage/core-components';
import {
  MeshEntitySecurityResponse,
  MeshObjectRef,
  MeshTrafficMtls,
  MeshWorkloadSecurity,
} from '@mesh-portal/plugin-mesh-common';
import { formatBytesPerSecond, formatRps } from '../../lib/format';
import { WindowedResourceView } from '../common/WindowedResourceView';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { INBOUND_LABELS, MODE_MEANINGS, TLS_STATUS_LABELS } from './mtlsLabels';
import { AppliedPolicies } from './AppliedPolicies';
import { PlaintextEdges } from './PlaintextEdges';

const useStyles = makeStyles(
  theme => ({
    gauges: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(2),
      '& > *': { flex: '0 1 280px' },
    },
  }),
  { name: 'PluginMeshSecurityView' },
);

const refName = (ref?: MeshObjectRef) =>
  ref ? `${ref.kind} ${ref.namespace}/${ref.name}` : '—';

interface LevelRow {
  id: string;
  level: string;
  scope: string;
  status: string;
  mode: string;
  policy: string;
}

/** Mesh-wide and namespace-wide mTLS as rows of one table, most general first. */
function levelRows(security: MeshEntitySecurityResponse): LevelRow[] {
  return [
    ...security.clusters.map(c => ({
      id: `mesh/${c.cluster}`,
      level: 'Mesh',
      scope: `cluster ${c.cluster} (root ${c.rootNamespace})`,
      status: TLS_STATUS_LABELS[c.status],
      mode: `${c.effectiveMode}: ${MODE_MEANINGS[c.effectiveMode]}${
        c.autoMtls ? ', auto mTLS on' : ''
      }`,
      policy: refName(c.policy),
    })),
    ...security.namespaces.map(n => ({
      id: `ns/${n.cluster}/${n.namespace}`,
      level: 'Namespace',
      scope: `${n.namespace} (${n.cluster})`,
      status: TLS_STATUS_LABELS[n.status],
      mode: `${n.effectiveMode}: ${MODE_MEANINGS[n.effectiveMode]}`,
      policy: refName(n.policy),
    })),
  ];
}

const levelColumns: TableColumn<LevelRow>[] = [
  { title: 'Level', field: 'level' },
  { title: 'Scope', field: 'scope' },
  { title: 'Status', field: 'status' },
  { title: 'Enforced mode', field: 'mode' },
  { title: 'Deciding policy', field: 'policy' },
];

const workloadColumns: TableColumn<MeshWorkloadSecurity>[] = [
  {
    title: 'Workload',
    field: 'name',
    render: w => `${w.name} (${w.namespace}, ${w.cluster})`,
  },
  { title: 'Proxy', field: 'dataplane' },
  {
    title: 'Waypoint (ambient)',
    sorting: false,
    render: w => waypointText(w) ?? '—',
  },
  { title: 'Enforced mode', field: 'effectiveMode' },
  {
    title: 'Inbound',
    field: 'inbound',
    render: w => {
      const ports = Object.entries(w.portModes).map(
        ([port, mode]) => `${port}: ${mode}`,
      );
      return `${INBOUND_LABELS[w.inbound]}${
        ports.length ? ` (ports ${ports.join(', ')})` : ''
      }`;
    },
  },
  {
    title: 'Status',
    field: 'status',
    render: w => TLS_STATUS_LABELS[w.status],
  },
  {
    title: 'PeerAuthentications',
    sorting: false,
    render: w => w.policies.map(refName).join(', ') || 'none',
  },
  {
    title: 'Client TLS (DestinationRules)',
    sorting: false,
    render: w =>
      w.destinationRules
        .map(dr => `${dr.ref.name}: ${dr.mode ?? 'per port'}`)
        .join(', ') || 'none',
  },
];

/** The share of a direction's traffic over mTLS as a gauge, requests first, TCP bytes else. */
function MtlsGauge({
  title,
  traffic,
}: {
  title: string;
  traffic: MeshTrafficMtls;
}) {
  const requests = traffic.requestMtlsShare !== undefined;
  const share = requests ? traffic.requestMtlsShare : traffic.bytesMtlsShare;
  const base = requests
    ? `${formatRps(traffic.reportedRequestsPerSecond)} reported by servers`
    : `${formatBytesPerSecond(
        traffic.reportedBytesPerSecond,
      )} TCP reported by servers`;
  return (
    <GaugeCard
      title={title}
      subheader={
        share === undefined ? 'No traffic reported in the window' : base
      }
      progress={share ?? 0}
      alignGauge="bottom"
      size="small"
    />
  );
}

const readSecurity = (reader: EntityMeshReader, window: string) =>
  reader.getSecurity(window);

/**
 * Security sub-view: mesh, namespace and workload mTLS from config, the share of observed
 * traffic that is mTLS, plain-text edges, and the security policies that apply.
 */
export function SecurityView(props: MeshSubViewProps) {
  const classes = useStyles();

  return (
    <WindowedResourceView
      {...props}
      read={readSecurity}
      subject="security view"
    >
      {security => (
        <>
          <div className={classes.gauges}>
            <MtlsGauge
              title="Inbound traffic over mTLS"
              traffic={security.traffic.inbound}
            />
            <MtlsGauge
              title="Outbound traffic over mTLS"
              traffic={security.traffic.outbound}
            />
          </div>
          <PlaintextEdges edges={security.traffic.plaintextEdges} />
          <Table<LevelRow>
            title="Mesh and namespace mTLS"
            columns={levelColumns}
            data={levelRows(security)}
            options={{ paging: false, search: false, padding: 'dense' }}
          />
          <Table<MeshWorkloadSecurity>
            title="Workload mTLS"
            columns={workloadColumns}
            data={security.workloads}
            options={{ paging: false, search: false, padding: 'dense' }}
          />
          <AppliedPolicies
            reader={props.reader}
            onOpenConfig={() => props.update({ view: 'config' })}
          />
        </>
      )}
    </WindowedResourceView>
  );
}
