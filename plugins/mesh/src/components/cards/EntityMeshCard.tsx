import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { useEntityMeshLink } from '../../hooks/useEntityMeshLink';
import { useMeshReader } from '../../hooks/useMeshReader';
import { isMeshAvailable } from '../../isMeshAvailable';
import { MeshView } from '../../lib/viewState';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MissingMappingState } from '../common/MissingMappingState';

export interface EntityMeshCardProps {
  title: string;
  /** Mesh tab view the card's link opens. */
  view: MeshView;
  children: (reader: EntityMeshReader, entity: Entity) => ReactNode;
}

/**
 * Frame of the mesh cards on an entity's Overview tab: the annotation check, the entity's mesh
 * scope, and a link to the matching view of the Mesh tab.
 */
export function EntityMeshCard({ title, view, children }: EntityMeshCardProps) {
  const { entity } = useEntity();
  const reader = useMeshReader(entity);
  const link = useEntityMeshLink(entity, { view });
  if (!isMeshAvailable(entity)) {
    return <MissingMappingState />;
  }
  return (
    <InfoCard title={title} deepLink={{ title: 'Open in the Mesh tab', link }}>
      {children(reader, entity)}
    </InfoCard>
  );
}
