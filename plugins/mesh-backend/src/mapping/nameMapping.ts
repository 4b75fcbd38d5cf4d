/*
 * Mapping by name, for entities without the Kubernetes plugin's annotations (most real catalogs):
 * a Component or Resource named X maps to the workloads whose Istio canonical service is X, read as
 * Istio reads it (`service.istio.io/canonical-name`, else `app.kubernetes.io/name`, else `app`; see
 * ./mapEntity). Explicit annotations always win: an annotated entity is never mapped by name, and a
 * workload an annotated entity claims is never linked to a name-mapped one (./ownerIndex).
 * A name found in several namespaces or clusters is ambiguous: reported, never guessed
 * (README.md, "Entities without annotations").
 */
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_NAME_MAPPED_KINDS,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';

export interface NameMappingPolicy {
  enabled: boolean;
  /** Entity kinds mapped by name, lower case. */
  kinds: string[];
  /**
   * Kubernetes namespace the workloads must be in, as a template over the entity: `{namespace}`
   * (catalog namespace), `{system}` (name of its System), `{name}`. Absent: any namespace.
   */
  namespace?: string;
}

export const DEFAULT_NAME_MAPPING: NameMappingPolicy = {
  enabled: true,
  kinds: [...DEFAULT_NAME_MAPPED_KINDS],
};

export const NAME_MAPPING_PLACEHOLDERS = ['namespace', 'system', 'name'];

export function isNameMapped(entity: Entity, policy: NameMappingPolicy) {
  return policy.enabled && policy.kinds.includes(entity.kind.toLowerCase());
}

/** Mapped by name only: none of the Kubernetes plugin's mapping annotations. */
export function isNameMappedOnly(entity: Entity, policy: NameMappingPolicy) {
  const annotations = entity.metadata.annotations ?? {};
  return (
    annotations[KUBERNETES_ID_ANNOTATION] === undefined &&
    annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION] === undefined &&
    isNameMapped(entity, policy)
  );
}

/**
 * The namespace an entity's workloads must be in under the policy's convention; undefined when
 * there is no convention, or when the entity lacks what the template needs (no System).
 */
export function conventionNamespace(
  entity: Entity,
  policy: NameMappingPolicy,
): string | undefined | null {
  if (!policy.namespace) return undefined;
  const system = systemName(entity);
  let missing = false;
  const value = policy.namespace.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v =
      key === 'namespace'
        ? entity.metadata.namespace ?? 'default'
        : key === 'system'
        ? system
        : entity.metadata.name;
    if (!v) missing = true;
    return v ?? '';
  });
  return missing ? null : value;
}

function systemName(entity: Entity): string | undefined {
  const raw = (entity.spec as Record<string, unknown> | undefined)?.system;
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    return parseEntityRef(raw, { defaultKind: 'System' }).name;
  } catch {
    return undefined;
  }
}

/**
 * Catalog filter for every entity that can map to workloads: the annotated ones and, when name
 * mapping is on, every entity of the kinds it covers (filters in a list are OR-ed).
 */
export function mappableEntitiesFilter(
  policy: NameMappingPolicy,
): Record<string, string | string[] | symbol>[] {
  return [
    {
      [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]:
        CATALOG_FILTER_EXISTS,
    },
    {
      [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
        CATALOG_FILTER_EXISTS,
    },
    ...(policy.enabled && policy.kinds.length > 0
      ? [{ kind: policy.kinds }]
      : []),
  ];
}
