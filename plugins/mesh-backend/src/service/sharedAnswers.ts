/*
 * Mesh-wide answers shared by callers who see the same (issue 15): the overview, and the
 * whole-mesh graph the team and dependency views read, depend on the traffic snapshot, the
 * inventory, the request's shape and what the caller may see, so they are computed once per
 * snapshot for every caller with the same view (./perSnapshot keeps a few). The key holds the
 * view itself, never less, so a caller who sees one entity more or less gets an answer of its own,
 * and the links' mapping (./catalogLinks mappingDigest), so does one whose entities claim other
 * workloads.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { createHash } from 'crypto';
import type { CallerScope, CallerView } from '../scope/ScopeResolver';
import type { MeshGraphRequest } from './MeshGraphService';

/** Computes `compute` once per {@link answerKey} and `name`, or every time (./perSnapshot reuse). */
export type Reuse = <T>(name: string, compute: () => T) => T;

/**
 * What a mesh-wide graph depends on besides the traffic snapshot: the request's shape, the
 * cluster naming, the inventory (not its replica counts or pods: ./perSnapshot answerInventoryId),
 * the source errors so far and what the caller may see
 * ({@link viewDigest}). Callers who see the same entities get the same answer, so it is computed
 * once per snapshot for all of them (the key is what they see, never less: a caller who sees one
 * entity more gets its own answer, as ../mapping/OwnerIndexCache does).
 */
export function answerKey(
  request: MeshGraphRequest,
  parts: {
    clusters: string;
    digest: string;
    /** ./perSnapshot answerInventoryId */
    inventory: string;
    errors: MeshSourceError[];
  },
): string {
  return [
    request.graphType,
    request.windowSeconds,
    !!request.withoutLatency,
    parts.clusters,
    parts.digest,
    parts.inventory,
    JSON.stringify(parts.errors),
  ].join('\n');
}

/** Everything of the caller's view a mesh-wide answer reads: the entities linked, withheld and hidden. */
export function viewDigest(view: CallerView, scope: CallerScope): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        view.visible,
        view.withheld.map(e => stringifyEntityRef(e)),
        scope.hiddenEntities.map(e => stringifyEntityRef(e)),
        scope.restrictUnresolved,
      ]),
    )
    .digest('base64');
}
