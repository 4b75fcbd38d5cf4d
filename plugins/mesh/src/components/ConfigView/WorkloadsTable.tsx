import { waypointText } from '../../lib/waypointText';
import { Progress, Table, TableColumn } from '@backstage/core-components';
import { MeshWorkloadDetails } from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

const columns: TableColumn<MeshWorkloadDetails>[] = [
  {
    title: 'Workload',
    field: 'name',
    render: w => `${w.kind} ${w.namespace}/${w.name}`,
  },
  { title: 'Cluster', field: 'cluster' },
  { title: 'Proxy', field: 'dataplane' },
  {
    title: 'Waypoint (ambient)',
    sorting: false,
    render: w => waypointText(w) ?? '—',
  },
  {
    title: 'Pods',
    sorting: false,
    render: w =>
      `${w.pods.filter(p => p.ready).length}/${w.pods.length} ready${
        w.pods.some(p => p.dataplane !== w.dataplane) ? ', proxies differ' : ''
      }`,
  },
  {
    title: 'Services',
    sorting: false,
    render: w =>
      w.services
        .map(
          s => `${s.name} (${s.ports.map(p => p.name ?? p.port).join(', ')})`,
        )
        .join('; ') || 'none',
  },
  {
    title: 'Matched by',
    field: 'matchedBy',
    render: w =>
      w.matchedBy === 'labelSelector'
        ? 'label selector'
        : 'Istio canonical service (fallback)',
  },
];

/** The workloads the entity maps to, with pods, proxies and Services: the ground the config applies to. */
export function WorkloadsTable({ reader }: { reader: EntityMeshReader }) {
  const resource = useMeshResource(() => reader.getWorkloads(), [reader]);
  if (resource.error) return <MeshErrorPanel error={resource.error} />;
  if (!resource.value) return <Progress />;
  return (
    <Table<MeshWorkloadDetails>
      title="Workloads"
      columns={columns}
      data={resource.value.workloads}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
