import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  InfoCard,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MeshWideConfigObject } from '@mesh-portal/plugin-mesh-common';
import { MeshConfigQuery, meshApiRef } from '../../api';
import { useMeshResource } from '../../hooks/useMeshResource';
import { objectColumns, summaryText } from '../ConfigView/ConfigView';
import { Findings } from '../ConfigView/Findings';
import { YamlDialog } from '../ConfigView/YamlDialog';
import { MeshResourceView } from '../common/MeshResourceView';
import {
  MeshConfigFiltersBar,
  ownerLabel,
  UNOWNED,
} from './MeshConfigFiltersBar';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
    list: { margin: 0, paddingLeft: 0, listStyle: 'none' },
  }),
  { name: 'PluginMeshConfigSection' },
);

/** The entities an object affects; those the caller may not read are only counted. */
function AffectedEntities({ object }: { object: MeshWideConfigObject }) {
  const classes = useStyles();
  const { entities, restrictedEntities } = object;
  if (entities.length === 0 && restrictedEntities === 0)
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  return (
    <ul className={classes.list} aria-label="Affected entities">
      {entities.map(e => (
        <li key={e.entityRef}>
          <EntityRefLink entityRef={e.entityRef} />
        </li>
      ))}
      {restrictedEntities > 0 && (
        <li>
          <Typography variant="body2" color="textSecondary">
            {restrictedEntities} you may not see
          </Typography>
        </li>
      )}
    </ul>
  );
}

function Owners({ owners }: { owners: string[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label="Owners">
      {owners.map(owner => (
        <li key={owner}>
          {owner === UNOWNED ? (
            <Typography variant="body2" color="error">
              {ownerLabel(owner)}
            </Typography>
          ) : (
            <EntityRefLink entityRef={owner} defaultKind="group" />
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The mesh-wide Istio config on `/mesh`: every Istio and Gateway API object with its validation
 * findings, the entities it affects and their owners (or "unowned"), filterable by namespace,
 * kind, severity and owner, each with its YAML ready to re-apply. Platform teams find here what
 * no entity's Config tab shows, such as a VirtualService bound to a missing Gateway.
 */
export function MeshConfigSection() {
  const classes = useStyles();
  const meshApi = useApi(meshApiRef);
  const [filters, setFilters] = useState<MeshConfigQuery>({});
  const [yamlOf, setYamlOf] = useState<MeshWideConfigObject>();
  const resource = useMeshResource(
    () => meshApi.getMeshConfig(filters),
    [meshApi, filters],
  );
  const filtering = Object.values(filters).some(Boolean);

  const columns: TableColumn<MeshWideConfigObject>[] = [
    ...objectColumns<MeshWideConfigObject>(),
    {
      title: 'Validation',
      field: 'valid',
      render: o => <Findings checks={o.checks} />,
    },
    {
      title: 'Affects',
      sorting: false,
      render: o => <AffectedEntities object={o} />,
    },
    {
      title: 'Owners',
      sorting: false,
      render: o => <Owners owners={o.owners} />,
    },
    {
      title: 'YAML',
      sorting: false,
      render: o => (
        <Button
          size="small"
          variant="outlined"
          onClick={() => setYamlOf(o)}
          aria-label={`YAML of ${o.ref.kind} ${o.ref.namespace}/${o.ref.name}`}
        >
          YAML
        </Button>
      ),
    },
  ];

  return (
    <InfoCard title="Istio config">
      <div className={classes.root}>
        <MeshResourceView resource={resource} subject="Istio config list">
          {config =>
            !filtering && config.objects.length === 0 ? (
              <EmptyState
                missing="data"
                title="No Istio or Gateway API objects in the mesh"
                description={
                  'The clusters list no VirtualService, DestinationRule, Gateway, ServiceEntry, ' +
                  'policy or Gateway API route. If you expect some, check that the mesh ' +
                  "backend's service account may list them (the mesh-reader ClusterRole in the " +
                  "backend plugin's README)."
                }
              />
            ) : (
              <>
                <MeshConfigFiltersBar
                  facets={config.facets}
                  filters={filters}
                  onChange={setFilters}
                />
                <Table<MeshWideConfigObject>
                  title={`Objects (${config.objects.length})`}
                  subtitle={summaryText(config.summary)}
                  columns={columns}
                  data={config.objects}
                  options={{ paging: false, padding: 'dense', search: true }}
                  emptyContent={
                    <div style={{ padding: 16 }} role="status">
                      <Typography variant="body1">
                        No object matches these filters.
                      </Typography>
                      <Button size="small" onClick={() => setFilters({})}>
                        Clear filters
                      </Button>
                    </div>
                  }
                />
                {config.withheldObjects ? (
                  <Typography variant="body2" color="textSecondary">
                    {config.withheldObjects} more{' '}
                    {config.withheldObjects === 1
                      ? 'object affects'
                      : 'objects affect'}{' '}
                    only entities whose mesh data you may not see; ask their
                    owners or your Backstage administrators for{' '}
                    <code>mesh.entity.read</code>.
                  </Typography>
                ) : null}
                {config.ignoredCodes.length > 0 && (
                  <Typography variant="caption" color="textSecondary">
                    Not reported, by configuration:{' '}
                    {config.ignoredCodes.join(', ')}.
                  </Typography>
                )}
                <YamlDialog
                  object={yamlOf}
                  onClose={() => setYamlOf(undefined)}
                />
              </>
            )
          }
        </MeshResourceView>
      </div>
    </InfoCard>
  );
}
