/*
 * What a view is about and which workloads that is: a mapped Component or Resource, or a System's
 * or Group's member entities (docs/access-model.md). Every entity service maps its target's
 * workloads here, so a System is answered by the server as the union of its members — the browser
 * merges nothing.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MeshEntityMapping,
  MeshSourceError,
  MeshWorkloadRef,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { entityMapping, workloadRef } from '../mapping/entityMapping';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { mapWorkloads, workloadKey } from '../mapping/mapEntity';
import { NameMappingPolicy } from '../mapping/nameMapping';

/** The entity a view is for, and the entities whose data it shows (each passed `mesh.entity.read`). */
export interface MeshTarget {
  /** The entity of the page, e.g. `system:default/bookinfo`. */
  entityRef: string;
  entity: Entity;
  /** The entity itself (Component, Resource), or a System's or Group's mapped Components. */
  members: Entity[];
  /** Members the caller may not read mesh data of: counted, never named. */
  withheld: number;
  /** For a Group: the Group and its sub-groups. */
  groups?: string[];
  errors: MeshSourceError[];
}

/** What mapping a target needs: the catalog-wide views have members but no entity of their own. */
export type TargetMembers = Pick<
  MeshTarget,
  'entityRef' | 'members' | 'withheld' | 'errors'
>;

/** A target of one entity (the entity routes of a Component or Resource, and tests). */
export function entityTarget(entity: Entity, entityRef: string): MeshTarget {
  return { entityRef, entity, members: [entity], withheld: 0, errors: [] };
}

export interface TargetMapping {
  /** The target's workloads, without duplicates (members may share workloads). */
  workloads: Workload[];
  /** Clusters where the canonical-service fallback was used. */
  fallbackClusters: string[];
  /** The wire form: for several members, their own mappings in `members`. */
  mapping: MeshEntityMapping;
  /** Annotations that could not be read, as source errors. */
  errors: MeshSourceError[];
}

/** Maps each member with the Kubernetes plugin's conventions (../mapping) and unites the results. */
export function mapTarget(
  target: TargetMembers,
  workloads: readonly Workload[],
  nameMapping: NameMappingPolicy,
): TargetMapping {
  const parts = target.members.map(member => {
    const selector = entityWorkloadSelector(member, nameMapping);
    const mapped =
      'ok' in selector
        ? mapWorkloads(selector.ok, workloads)
        : { workloads: [], fallbackClusters: [] };
    const ref =
      target.members.length === 1
        ? target.entityRef
        : stringifyEntityRef(member);
    return {
      mapped,
      errors:
        'invalid' in selector
          ? [
              {
                source: 'catalog' as const,
                errorType: 'BAD_RESPONSE' as const,
                message: selector.invalid,
              },
            ]
          : [],
      mapping: entityMapping(ref, selector, mapped.workloads, mapped.ambiguous),
    };
  });
  const byKey = new Map<string, Workload>();
  for (const part of parts)
    for (const w of part.mapped.workloads) byKey.set(workloadKey(w), w);
  const united = [...byKey.values()];
  const errors = [
    ...target.errors,
    ...parts.flatMap(p => [...p.errors, ...p.mapping.errors]),
  ];
  const mapping: MeshEntityMapping =
    parts.length === 1
      ? parts[0].mapping
      : {
          entityRef: target.entityRef,
          labelSelector: '',
          workloads: parts.flatMap(p => p.mapping.workloads),
          members: parts.map(p => p.mapping),
          ...(target.withheld ? { withheldMembers: target.withheld } : {}),
          errors,
        };
  return {
    workloads: united,
    fallbackClusters: [
      ...new Set(parts.flatMap(p => p.mapped.fallbackClusters)),
    ],
    mapping: dedupeWorkloadRefs(mapping),
    errors,
  };
}

const refKey = (w: MeshWorkloadRef) =>
  `${w.cluster}/${w.namespace}/${w.kind}/${w.name}`;

/** The wire mapping cut to the workloads the caller may see (a hidden entity's stay unnamed). */
export function visibleMapping(
  mapping: MeshEntityMapping,
  visible: readonly Workload[],
): MeshEntityMapping {
  const keys = new Set(visible.map(w => refKey(workloadRef(w))));
  const cut = (m: MeshEntityMapping): MeshEntityMapping => ({
    ...m,
    workloads: m.workloads.filter(w => keys.has(refKey(w))),
  });
  return {
    ...cut(mapping),
    ...(mapping.members ? { members: mapping.members.map(cut) } : {}),
  };
}

function dedupeWorkloadRefs(mapping: MeshEntityMapping): MeshEntityMapping {
  const seen = new Set<string>();
  return {
    ...mapping,
    workloads: mapping.workloads.filter(
      w => !seen.has(refKey(w)) && !!seen.add(refKey(w)),
    ),
  };
}
