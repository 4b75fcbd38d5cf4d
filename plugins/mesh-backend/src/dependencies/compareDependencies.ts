/*
 * Declared vs observed, per other entity: `declared` (both), `undeclared` (traffic only, at or
 * above the floor), `silent` (declared, no traffic at or above the floor). A silent dependency is
 * only reported when both ends have workloads in the mesh: otherwise there is nothing the mesh
 * could have seen. Deprecated entities or APIs in use are flagged.
 */
import { Entity } from '@backstage/catalog-model';
import {
  MeshDependency,
  MeshUnknownPeer,
} from '@mesh-portal/plugin-mesh-common';
import { refsOf } from '../scope/catalogScope';
import {
  CatalogDependencies,
  Declared,
  DeclaredDependencies,
} from './declaredDependencies';
import { Observed, ObservedDependencies } from './observedDependencies';

export interface CompareInput {
  subject: string;
  declared: DeclaredDependencies;
  observed: ObservedDependencies;
  /** Traffic over a recent short window, for "last seen". */
  recent: ObservedDependencies;
  recentTime: string;
  catalog: CatalogDependencies;
  /** Entities with at least one workload in the mesh, whose traffic the mesh can attribute. */
  observable: Set<string>;
  floorRps: number;
}

export function isObserved(
  o: Observed | undefined,
  floorRps: number,
): o is Observed {
  return !!o && (o.rps >= floorRps || o.bytesPerSecond >= floorRps * 1000);
}

function describe(entity: Entity | undefined) {
  if (!entity) return {};
  const [owner] = refsOf(entity, 'ownedBy', 'owner', 'Group');
  const lifecycle = (entity.spec as { lifecycle?: string } | undefined)
    ?.lifecycle;
  return {
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(owner ? { owner } : {}),
    ...(lifecycle ? { lifecycle } : {}),
  };
}

export function compareDependencies(input: CompareInput): {
  dependencies: MeshDependency[];
  unknownPeers: MeshUnknownPeer[];
} {
  const { subject, declared, observed, recent, catalog, observable, floorRps } =
    input;
  const dependencies: MeshDependency[] = [];
  for (const direction of ['outbound', 'inbound'] as const) {
    const declaredHere = declared[direction];
    const observedHere = observed[direction];
    const refs = new Set([
      ...declaredHere.keys(),
      ...[...observedHere]
        .filter(([, o]) => isObserved(o, floorRps))
        .map(([r]) => r),
    ]);
    for (const ref of [...refs].sort()) {
      const d: Declared | undefined = declaredHere.get(ref);
      const o = observedHere.get(ref);
      const seen = isObserved(o, floorRps);
      if (!seen && !(observable.has(ref) && observable.has(subject))) continue;
      const apis = [...(d?.apis ?? [])].sort();
      dependencies.push({
        subject,
        entityRef: ref,
        ...describe(catalog.entity(ref)),
        direction,
        drift: seen ? (d ? 'declared' : 'undeclared') : 'silent',
        ...(d ? { declaredVia: [...d.via].sort() } : {}),
        ...(apis.length ? { apis } : {}),
        rps: round(o?.rps ?? 0),
        ...(o?.bytesPerSecond
          ? { bytesPerSecond: round(o.bytesPerSecond) }
          : {}),
        ...(o && o.rps > 0 ? { errorRate: round(o.errorRps / o.rps, 4) } : {}),
        ...(isObserved(recent[direction].get(ref), floorRps)
          ? { lastSeen: input.recentTime }
          : {}),
        deprecated: seen && catalog.isDeprecated(ref, apis),
      });
    }
  }
  const unknownPeers: MeshUnknownPeer[] = [];
  for (const direction of ['outbound', 'inbound'] as const) {
    const map =
      direction === 'outbound'
        ? observed.unknownOutbound
        : observed.unknownInbound;
    const recentMap =
      direction === 'outbound' ? recent.unknownOutbound : recent.unknownInbound;
    for (const [nodeId, o] of [...map].sort()) {
      if (!isObserved(o, floorRps)) continue;
      const [, cluster, namespace, name] = nodeId.split(':');
      unknownPeers.push({
        subject,
        nodeId,
        cluster,
        namespace,
        name,
        direction,
        rps: round(o.rps),
        ...(o.bytesPerSecond
          ? { bytesPerSecond: round(o.bytesPerSecond) }
          : {}),
        ...(isObserved(recentMap.get(nodeId), floorRps)
          ? { lastSeen: input.recentTime }
          : {}),
      });
    }
  }
  return { dependencies, unknownPeers };
}

const round = (v: number, digits = 3) =>
  Math.round(v * 10 ** digits) / 10 ** digits;
