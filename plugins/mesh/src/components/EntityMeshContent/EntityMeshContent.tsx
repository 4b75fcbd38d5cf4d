import { ComponentType } from 'react';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityMeshViewState } from '../../hooks/useEntityMeshViewState';
import { useMeshReader } from '../../hooks/useMeshReader';
import { isMeshAvailable } from '../../isMeshAvailable';
import { MeshView } from '../../lib/viewState';
import { MissingMappingState } from '../common/MissingMappingState';
import { ConfigView } from '../ConfigView/ConfigView';
import { DependenciesView } from '../DependenciesView/DependenciesView';
import { HealthView } from '../HealthView/HealthView';
import { SecurityView } from '../SecurityView/SecurityView';
import { TracesView } from '../TracesView/TracesView';
import { TrafficView } from '../TrafficView/TrafficView';
import { MeshSubViewProps } from './types';

// A flex column rather than a spaced Grid: Grid's negative margins overflow the entity tab.
const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(2),
    },
    tabs: { borderBottom: `1px solid ${theme.palette.divider}` },
  }),
  { name: 'PluginMeshEntityContent' },
);

const SUB_VIEWS: Record<
  MeshView,
  { label: string; Component: ComponentType<MeshSubViewProps> }
> = {
  traffic: { label: 'Traffic', Component: TrafficView },
  health: { label: 'Health', Component: HealthView },
  security: { label: 'Security', Component: SecurityView },
  config: { label: 'Istio config', Component: ConfigView },
  traces: { label: 'Traces', Component: TracesView },
  dependencies: { label: 'Dependencies', Component: DependenciesView },
};

function MeshContentForEntity({ entity }: { entity: Entity }) {
  const classes = useStyles();
  const reader = useMeshReader(entity);
  const [state, update] = useEntityMeshViewState();
  const entityTitle = entity.metadata.title ?? entity.metadata.name;

  const { Component } = SUB_VIEWS[state.view];
  return (
    <div className={classes.root}>
      <Tabs
        className={classes.tabs}
        value={state.view}
        onChange={(_event, view: MeshView) => update({ view })}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        aria-label="Mesh views"
      >
        {Object.entries(SUB_VIEWS).map(([view, { label }]) => (
          <Tab key={view} value={view} label={label} />
        ))}
      </Tabs>
      <Component
        reader={reader}
        state={state}
        update={update}
        entityTitle={entityTitle}
      />
    </div>
  );
}

/**
 * Entity page content: the service mesh as it concerns the entity — traffic graph, health,
 * security, Istio config, traces and declared-versus-observed dependencies. Works for entities
 * with the Kubernetes plugin's annotations and for Systems (the union of their Components).
 */
export function EntityMeshContent() {
  const { entity } = useEntity();
  if (!isMeshAvailable(entity)) {
    return <MissingMappingState />;
  }
  return <MeshContentForEntity entity={entity} />;
}
