/*
 * The catalog's built-in permission rules for `catalog-entity` (HAS_ANNOTATION, HAS_LABEL,
 * HAS_METADATA, HAS_SPEC, IS_ENTITY_KIND, IS_ENTITY_OWNER), built with the permission framework's
 * own createPermissionRule: same names, same parameter schemas (zod/v3, as the catalog) and the
 * same `apply` as @backstage/plugin-catalog-backend 4.0.0 dist/permissions/rules/*, which this
 * plugin may not import (a backend plugin does not depend on another backend plugin's package).
 * packages/backend's meshReadConditions test checks them against the catalog's own rules.
 * docs/access-model.md ("How mesh.entity.read is decided").
 */
import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { EntitiesSearchFilter } from '@backstage/plugin-catalog-node';
import {
  createPermissionRule,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod/v3';
import { entitySearchIndex } from './entitySearchIndex';

const resourceRef = catalogEntityPermissionResourceRef;

/** A label or annotation: the exact key first, then keys and values compared case-insensitively. */
function hasKeyValue(
  map: Record<string, string> | undefined,
  name: string,
  value: string | undefined,
): boolean {
  if (!map) return false;
  // As the catalog: the map's own hasOwnProperty (a key named so makes the catalog's rule throw).
  const isExactKeyMatch =
    // eslint-disable-next-line no-prototype-builtins
    !!map.hasOwnProperty(name) &&
    (value === undefined ? true : map[name] === value);
  if (isExactKeyMatch) return true;
  const normalizedName = name.toLowerCase();
  const normalizedValue = value?.toLowerCase();
  for (const [key, val] of Object.entries(map)) {
    if (key.toLowerCase() === normalizedName) {
      if (
        normalizedValue === undefined ||
        val.toLowerCase() === normalizedValue
      )
        return true;
    }
  }
  return false;
}

const annotationParams = z.object({
  annotation: z.string().describe('Name of the annotation to match on'),
  value: z.string().optional().describe('Value of the annotation to match on'),
});

const hasAnnotation = createPermissionRule({
  name: 'HAS_ANNOTATION',
  description: 'Allow entities with the specified annotation',
  resourceRef,
  paramsSchema: annotationParams,
  apply: (resource: Entity, { annotation, value }) =>
    hasKeyValue(resource.metadata.annotations, annotation, value),
  toQuery: ({ annotation, value }) => ({
    key: `metadata.annotations.${annotation}`,
    ...(value !== undefined && { values: [value] }),
  }),
});

const labelParams = z.object({
  label: z.string().describe('Name of the label to match on'),
  value: z.string().optional().describe('Value of the label to match on'),
});

const hasLabel = createPermissionRule({
  name: 'HAS_LABEL',
  description: 'Allow entities with the specified label',
  resourceRef,
  paramsSchema: labelParams,
  apply: (resource: Entity, { label, value }) =>
    hasKeyValue(resource.metadata.labels, label, value),
  toQuery: ({ label, value }) => ({
    key: `metadata.labels.${label}`,
    ...(value !== undefined && { values: [value] }),
  }),
});

const propertyParams = (propertyType: 'metadata' | 'spec') =>
  z.object({
    key: z
      .string()
      .describe(`Property within the entities ${propertyType} to match on`),
    value: z
      .string()
      .optional()
      .describe('Value of the given property to match on'),
  });

const propertyRule = (propertyType: 'metadata' | 'spec') =>
  createPermissionRule({
    name: `HAS_${propertyType.toUpperCase()}`,
    description: `Allow entities with the specified ${propertyType} subfield`,
    resourceRef,
    paramsSchema: propertyParams(propertyType),
    apply: (resource: Entity, { key, value }) => {
      const normalizedKey = `${propertyType}.${key}`.toLowerCase();
      const normalizedValue = value?.toLowerCase();
      const values = entitySearchIndex(resource).get(normalizedKey);
      return (
        !!values &&
        (normalizedValue === undefined || values.includes(normalizedValue))
      );
    },
    toQuery: ({ key, value }) => ({
      key: `${propertyType}.${key}`,
      ...(value !== undefined && { values: [value] }),
    }),
  });

const kindParams = z.object({
  kinds: z.array(z.string()).describe('List of kinds to match at least one of'),
});

const isEntityKind = createPermissionRule({
  name: 'IS_ENTITY_KIND',
  description: 'Allow entities matching a specified kind',
  resourceRef,
  paramsSchema: kindParams,
  apply: (resource: Entity, { kinds }) => {
    const resourceKind = resource.kind.toLowerCase();
    return kinds.some(kind => kind.toLowerCase() === resourceKind);
  },
  toQuery: ({ kinds }) => ({
    key: 'kind',
    values: kinds.map(kind => kind.toLowerCase()),
  }),
});

const ownerParams = z.object({
  claims: z
    .array(z.string())
    .describe(
      `List of claims to match at least one on within ${RELATION_OWNED_BY}`,
    ),
});

const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: 'Allow entities owned by a specified claim',
  resourceRef,
  paramsSchema: ownerParams,
  apply: (resource: Entity, { claims }) => {
    if (!resource.relations) return false;
    return resource.relations
      .filter(relation => relation.type === RELATION_OWNED_BY)
      .some(relation => claims.includes(relation.targetRef));
  },
  toQuery: ({ claims }) => ({ key: 'relations.ownedBy', values: claims }),
});

/** A rule, its parameters' schema, and the top-level entity field it reads (read whole). */
export interface CatalogEntityRule {
  rule: PermissionRule<Entity, EntitiesSearchFilter, 'catalog-entity', any>;
  params: z.ZodTypeAny;
  reads: 'kind' | 'metadata' | 'spec' | 'relations';
}

export const CATALOG_ENTITY_RULES: CatalogEntityRule[] = [
  { rule: hasAnnotation, params: annotationParams, reads: 'metadata' },
  { rule: hasLabel, params: labelParams, reads: 'metadata' },
  {
    rule: propertyRule('metadata'),
    params: propertyParams('metadata'),
    reads: 'metadata',
  },
  { rule: propertyRule('spec'), params: propertyParams('spec'), reads: 'spec' },
  { rule: isEntityKind, params: kindParams, reads: 'kind' },
  { rule: isEntityOwner, params: ownerParams, reads: 'relations' },
];
