import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Table, TableColumn } from '@backstage/core-components';
import {
  MeshConfigObject,
  MeshValidationSummary,
} from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { MeshResourceView } from '../common/MeshResourceView';
import { MeshToolbar } from '../common/MeshToolbar';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { hasRouting, routingRules, routingText } from '../../lib/routingRules';
import { RELATION_LABELS } from './configLabels';
import { Findings } from './Findings';
import { WorkloadsTable } from './WorkloadsTable';
import { YamlDialog } from './YamlDialog';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  }),
  { name: 'PluginMeshConfigView' },
);

/** Istio objects first (what service owners tune), then Services and workloads. */
const KIND_ORDER = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
  'Sidecar',
  'HTTPRoute',
  'GRPCRoute',
];
const rank = (o: MeshConfigObject) => {
  if (!o.ref.group) return 100;
  const index = KIND_ORDER.indexOf(o.ref.kind);
  return index === -1 ? 50 : index;
};

/** A VirtualService's or Gateway API route's rules: matches → weighted backends, one per line. */
function RoutingCell({ object }: { object: MeshConfigObject }) {
  const rules = hasRouting(object.ref.kind)
    ? routingRules(object.ref.kind, object.spec)
    : [];
  if (rules.length === 0) return null;
  return (
    <ul
      aria-label={`Routing of ${object.ref.kind} ${object.ref.name}`}
      style={{ margin: 0, paddingLeft: '1em' }}
    >
      {rules.map((rule, i) => (
        <li key={i}>{routingText(rule)}</li>
      ))}
    </ul>
  );
}

/** Kind, `namespace/name` and cluster: the columns naming an object, in both config tables. */
export function objectColumns<T extends MeshConfigObject>(): TableColumn<T>[] {
  return [
    { title: 'Kind', field: 'ref.kind' },
    {
      title: 'Name',
      field: 'ref.name',
      render: o => `${o.ref.namespace}/${o.ref.name}`,
    },
    { title: 'Cluster', field: 'ref.cluster' },
  ];
}

export function summaryText(summary: MeshValidationSummary): string {
  const counts = [
    `${summary.errors} ${summary.errors === 1 ? 'error' : 'errors'}`,
    `${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'}`,
    summary.infos > 0 && `${summary.infos} info`,
  ].filter(Boolean);
  return `${summary.objects} objects, ${
    summary.invalidObjects
  } invalid; ${counts.join(', ')}`;
}

/**
 * Istio config sub-view: the objects that affect the entity (VirtualServices, DestinationRules,
 * Gateways, ServiceEntries, Sidecars, policies, Gateway API routes, and its own Services and
 * workloads), why each applies, validation findings, and each Istio object's YAML.
 */
export function ConfigView({ reader }: MeshSubViewProps) {
  const classes = useStyles();
  const [yamlOf, setYamlOf] = useState<MeshConfigObject>();
  const resource = useMeshResource(() => reader.getConfig(), [reader]);

  const columns: TableColumn<MeshConfigObject>[] = [
    ...objectColumns<MeshConfigObject>(),
    {
      title: 'Applies because',
      sorting: false,
      render: o => o.relations.map(r => RELATION_LABELS[r]).join(', '),
    },
    {
      title: 'Routing',
      sorting: false,
      render: o => <RoutingCell object={o} />,
    },
    {
      title: 'Validation',
      field: 'valid',
      render: o => <Findings checks={o.checks} />,
    },
    {
      title: 'YAML',
      sorting: false,
      render: o =>
        o.spec ? (
          <Button
            size="small"
            variant="outlined"
            onClick={() => setYamlOf(o)}
            aria-label={`YAML of ${o.ref.kind} ${o.ref.name}`}
          >
            YAML
          </Button>
        ) : null,
    },
  ];

  return (
    <div className={classes.root}>
      <MeshToolbar onRefresh={resource.retry} loading={resource.loading} />
      <MeshResourceView resource={resource} subject="config view">
        {config => (
          <>
            <Table<MeshConfigObject>
              title="Objects affecting this entity"
              subtitle={summaryText(config.summary)}
              columns={columns}
              data={[...config.objects].sort(
                (a, b) =>
                  rank(a) - rank(b) || a.ref.kind.localeCompare(b.ref.kind),
              )}
              options={{ paging: false, padding: 'dense' }}
            />
            {config.ignoredCodes.length > 0 && (
              <Typography variant="caption" color="textSecondary">
                Not reported, by configuration: {config.ignoredCodes.join(', ')}
                .
              </Typography>
            )}
            <WorkloadsTable reader={reader} />
            <YamlDialog object={yamlOf} onClose={() => setYamlOf(undefined)} />
          </>
        )}
      </MeshResourceView>
    </div>
  );
}
