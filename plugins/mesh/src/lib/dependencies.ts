/*
 * Splits a dependency drift answer into the lists the Dependencies view shows. Pure.
 */
import type { MeshDependency } from '@mesh-portal/plugin-mesh-common';

export interface DependencyLists {
  /** Seen in traffic but not declared in the catalog: add them to `dependsOn`/`consumesApi`. */
  undeclared: MeshDependency[];
  /** Declared but without traffic in the window: stale declarations or rarely used paths. */
  silent: MeshDependency[];
  /** Dependencies in use on something deprecated. */
  deprecated: MeshDependency[];
  /** Declared and seen: the catalog is right. */
  declared: MeshDependency[];
}

const busiestFirst = (a: MeshDependency, b: MeshDependency) =>
  b.rps - a.rps || (a.entityRef < b.entityRef ? -1 : 1);

export function dependencyLists(
  dependencies: MeshDependency[],
): DependencyLists {
  const of = (drift: MeshDependency['drift']) =>
    dependencies.filter(d => d.drift === drift).sort(busiestFirst);
  return {
    undeclared: of('undeclared'),
    silent: of('silent'),
    deprecated: dependencies
      .filter(d => d.deprecated && d.drift !== 'silent')
      .sort(busiestFirst),
    declared: of('declared'),
  };
}
