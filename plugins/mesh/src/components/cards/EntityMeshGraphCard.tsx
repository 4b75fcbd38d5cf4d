import { Progress } from '@backstage/core-components';
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshGraph } from '../MeshGraph';
import {
  isMeshNotConfigured,
  MeshNotConfiguredState,
} from '../common/MeshNotConfiguredState';
import { EntityMeshCard } from './EntityMeshCard';
import Typography from '@material-ui/core/Typography';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

function Neighbourhood({
  reader,
  title,
}: {
  reader: EntityMeshReader;
  title: string;
}) {
  const graph = useMeshResource(
    () => reader.getGraph({ window: DEFAULT_GRAPH_WINDOW, hops: 1 }),
    [reader],
    {
      autoRefresh: true,
    },
  );
  if (graph.error) return <MeshErrorPanel error={graph.error} />;
  if (!graph.value) return <Progress />;
  if (isMeshNotConfigured(graph.value.errors))
    return <MeshNotConfiguredState compact />;
  if (graph.value.nodes.length === 0) {
    return (
      <Typography color="textSecondary">
        No traffic in the last {DEFAULT_GRAPH_WINDOW}.
      </Typography>
    );
  }
  return (
    <MeshGraph
      graph={graph.value}
      edgeLabel="rps"
      height={320}
      title={`Neighbourhood of ${title}`}
    />
  );
}

/** Overview card: the entity's direct callers and callees (one hop) as a small graph. */
export function EntityMeshGraphCard() {
  return (
    <EntityMeshCard title="Mesh neighbourhood" view="traffic">
      {(reader, entity) => (
        <Neighbourhood
          reader={reader}
          title={entity.metadata.title ?? entity.metadata.name}
        />
      )}
    </EntityMeshCard>
  );
}
