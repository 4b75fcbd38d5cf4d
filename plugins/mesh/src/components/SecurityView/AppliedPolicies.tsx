import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Progress, Table, TableColumn } from '@backstage/core-components';
import { MeshConfigObject } from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { RELATION_LABELS } from '../ConfigView/configLabels';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

const SECURITY_GROUP = 'security.istio.io';

const columns: TableColumn<MeshConfigObject>[] = [
  { title: 'Kind', field: 'ref.kind' },
  {
    title: 'Name',
    field: 'ref.name',
    render: o => `${o.ref.namespace}/${o.ref.name}`,
  },
  {
    title: 'Applies because',
    sorting: false,
    render: o => o.relations.map(r => RELATION_LABELS[r]).join(', '),
  },
  {
    title: 'Findings',
    sorting: false,
    render: o =>
      o.checks.length === 0 ? 'none' : o.checks.map(c => c.code).join(', '),
  },
];

/**
 * The PeerAuthentications, AuthorizationPolicies and RequestAuthentications that apply to the
 * entity's workloads, with a warning when no AuthorizationPolicy does (any mesh client may call).
 */
export function AppliedPolicies({
  reader,
  onOpenConfig,
}: {
  reader: EntityMeshReader;
  onOpenConfig: () => void;
}) {
  const config = useMeshResource(() => reader.getConfig(), [reader]);
  if (config.error) return <MeshErrorPanel error={config.error} />;
  if (!config.value) return <Progress />;
  const policies = config.value.objects.filter(
    o => o.ref.group === SECURITY_GROUP,
  );
  const authorized = policies.some(o => o.ref.kind === 'AuthorizationPolicy');

  return (
    <div>
      {!authorized && (
        <Typography variant="body2" color="error" paragraph>
          No AuthorizationPolicy applies to these workloads: any client in the
          mesh may call them.
        </Typography>
      )}
      <Table<MeshConfigObject>
        title="Security policies that apply"
        columns={columns}
        data={policies}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No PeerAuthentication or authorization policy applies.
          </Typography>
        }
      />
      <Button size="small" onClick={onOpenConfig} style={{ marginTop: 8 }}>
        Their YAML and findings in Istio config
      </Button>
    </div>
  );
}
