/*
 * Facet filters of the catalog-wide entity table (owner, system, lifecycle, namespace, cluster,
 * health). Pure: options are derived from the rows, and an empty selection means "any".
 */
import type { MeshEntityTraffic } from '@mesh-portal/plugin-mesh-common';

export const ENTITY_FACETS = [
  'owner',
  'system',
  'lifecycle',
  'namespace',
  'cluster',
  'health',
] as const;
export type EntityFacet = (typeof ENTITY_FACETS)[number];

export type EntityFilters = Partial<Record<EntityFacet, string[]>>;

/** The values an entity has for a facet (several for namespaces and clusters). */
export function facetValues(
  entity: MeshEntityTraffic,
  facet: EntityFacet,
): string[] {
  switch (facet) {
    case 'namespace':
      return entity.namespaces;
    case 'cluster':
      return entity.clusters;
    case 'health':
      return [entity.health];
    default: {
      const value = entity[facet];
      return value ? [value] : [];
    }
  }
}

/** Every value that occurs for each facet, sorted, so each filter offers only what exists. */
export function facetOptions(
  entities: MeshEntityTraffic[],
): Record<EntityFacet, string[]> {
  const options = Object.fromEntries(
    ENTITY_FACETS.map(facet => [
      facet,
      [...new Set(entities.flatMap(e => facetValues(e, facet)))].sort(),
    ]),
  );
  return options as Record<EntityFacet, string[]>;
}

/** Entities matching every facet that has a selection (any of its selected values). */
export function filterEntities(
  entities: MeshEntityTraffic[],
  filters: EntityFilters,
): MeshEntityTraffic[] {
  const active = ENTITY_FACETS.filter(
    facet => (filters[facet]?.length ?? 0) > 0,
  );
  return entities.filter(entity =>
    active.every(facet =>
      facetValues(entity, facet).some(value => filters[facet]!.includes(value)),
    ),
  );
}
