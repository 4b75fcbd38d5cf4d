/* The node that stands for a whole catalog entity in team, overview and dependency graphs. */
import { parseEntityRef } from '@backstage/catalog-model';
import { MeshNode } from '@mesh-portal/plugin-mesh-common';
import { EntityInfo } from '../appenders/linkEntities';

export const entityNodeId = (ref: string) => `entity:${ref}`;

/** `member` is one of the entity's workload nodes, when there is one, for cluster and namespace. */
export function entityNode(
  ref: string,
  member: MeshNode | undefined,
  info: EntityInfo | undefined,
): Omit<MeshNode, 'health'> {
  return {
    id: entityNodeId(ref),
    type: 'entity',
    cluster: member?.cluster ?? '',
    namespace: member?.namespace ?? '',
    name: parseEntityRef(ref).name,
    entityRef: ref,
    ...(info?.owner ? { owner: info.owner } : {}),
    ...(info?.system ? { system: info.system } : {}),
  };
}
