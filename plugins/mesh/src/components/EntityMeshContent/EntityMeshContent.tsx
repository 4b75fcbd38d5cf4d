import { useMemo, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  DEFAULT_GRAPH_WINDOW,
  formatWindow,
  KUBERNETES_ID_ANNOTATION,
} from '@internal/plugin-mesh-common';
import { useMeshGraph } from '../../hooks/useMeshGraph';
import { isMeshAvailable } from '../../isMeshAvailable';
import { EdgeLabelMetric } from '../../lib/toFlowElements';
import { MeshGraph, MeshGraphLegend } from '../MeshGraph';
import { MeshEdgeTable } from './MeshEdgeTable';
import { MeshSourceErrors, uniqueSourceErrors } from './MeshSourceErrors';
import { MeshToolbar } from './MeshToolbar';
import { NoTrafficState } from './NoTrafficState';

// A flex column rather than a spaced Grid: Grid's negative margins overflow the entity tab.
const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(2),
    },
  }),
  { name: 'PluginMeshEntityContent' },
);

const KUBERNETES_ANNOTATIONS_DOCS =
  'https://backstage.io/docs/features/kubernetes/configuration';

function MeshContentForEntity({ entity }: { entity: Entity }) {
  const classes = useStyles();
  const [rateWindow, setRateWindow] = useState(DEFAULT_GRAPH_WINDOW);
  const [edgeLabel, setEdgeLabel] = useState<EdgeLabelMetric>('rps');
  const [autoRefresh, setAutoRefresh] = useState(true);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const { value, loading, error, retry } = useMeshGraph(entityRef, {
    window: rateWindow,
    autoRefresh,
  });
  const sourceErrors = useMemo(
    () => (value ? uniqueSourceErrors(value.errors, value.mapping.errors) : []),
    [value],
  );

  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.nodes.length === 0) {
    body = (
      <NoTrafficState
        entityTitle={entity.metadata.title ?? entity.metadata.name}
        // The window the answer was computed for, which lags the picker while reloading.
        window={formatWindow(value.windowSeconds)}
        mapping={value.mapping}
      />
    );
  } else {
    body = (
      <>
        <InfoCard title="Traffic graph" noPadding>
          <MeshGraph graph={value} edgeLabel={edgeLabel} />
        </InfoCard>
        <MeshGraphLegend />
      </>
    );
  }

  return (
    <div className={classes.root}>
      <MeshToolbar
        window={rateWindow}
        onWindowChange={setRateWindow}
        edgeLabel={edgeLabel}
        onEdgeLabelChange={setEdgeLabel}
        autoRefresh={autoRefresh}
        onAutoRefreshChange={setAutoRefresh}
        onRefresh={retry}
        loading={loading}
        updatedAt={value?.timestamp}
      />
      {!error && <MeshSourceErrors errors={sourceErrors} />}
      {body}
      {!error && value && value.nodes.length > 0 && (
        <MeshEdgeTable graph={value} />
      )}
    </div>
  );
}

/**
 * Entity page content: the service-mesh traffic around the entity's workloads, as a graph with
 * health and per-edge metrics. Needs the Kubernetes plugin's annotations to find the workloads.
 */
export function EntityMeshContent() {
  const { entity } = useEntity();
  if (!isMeshAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBERNETES_ID_ANNOTATION}
        readMoreUrl={KUBERNETES_ANNOTATIONS_DOCS}
      />
    );
  }
  return <MeshContentForEntity entity={entity} />;
}
