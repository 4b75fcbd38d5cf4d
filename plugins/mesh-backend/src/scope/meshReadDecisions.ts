/*
 * `mesh.entity.read` for every entity of a caller's view, decided once per caller (issue 15).
 * A Backstage permission policy never sees the resource (PolicyQuery holds the permission only),
 * so its decision for `mesh.entity.read` is the same for every entity of one caller: ALLOW, DENY,
 * or CONDITIONAL with one set of conditions — what `authorizeConditional` answers (the catalog
 * filters its own lists that way). Asked per entity instead, a conditional policy costs one
 * apply-conditions evaluation in the catalog per entity (~3 ms each: 15 s of catalog time for an
 * overview of 5,000 Components).
 * - ALLOW / DENY: every entity visible / withheld;
 * - CONDITIONAL for the catalog's `catalog-entity` whose conditions use only the catalog's
 *   built-in rules (./catalogRules) with valid parameters, over fields the view read whole: the
 *   conditions are applied here, as the permission framework's createConditionAuthorizer does;
 * - anything else (another plugin's or a custom rule, parameters the catalog would refuse, a
 *   failed conditional query): one decision per entity, in batches (./authorizeInBatches), so
 *   custom rules keep working; a failure of those fails the view closed.
 * docs/access-model.md ("How mesh.entity.read is decided").
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import { authorizeInBatches } from './authorizeInBatches';
import { callerDecisions } from './callerDecisions';
import { CATALOG_ENTITY_RULES } from './catalogRules/catalogEntityRules';

const RULES = new Map(CATALOG_ENTITY_RULES.map(r => [r.rule.name, r]));

/**
 * Whether the caller may read each entity's mesh data, in the order given. `fieldsRead`: the
 * fields the entities were read with (undefined: whole entities). Throws when the per-entity
 * decisions fail (fail closed).
 */
export async function meshReadDecisions(
  permissions: PermissionsService,
  entities: Entity[],
  credentials: BackstageCredentials,
  fieldsRead: readonly string[] | undefined,
): Promise<boolean[]> {
  const decision = (await callerDecisions(permissions, credentials)).meshRead;
  const applies = decision && decisionTest(decision, fieldsRead);
  if (applies) return entities.map(applies);
  return authorizeInBatches(
    permissions,
    meshEntityReadPermission,
    entities.map(e => stringifyEntityRef(e)),
    credentials,
  );
}

/**
 * A caller's decision for a `catalog-entity` permission as a test of one entity: ALLOW and DENY
 * decide every entity alike; a conditional one when it can be applied here (below); undefined
 * otherwise.
 */
export function decisionTest(
  decision: PolicyDecision,
  fieldsRead: readonly string[] | undefined,
): ((entity: Entity) => boolean) | undefined {
  if (decision.result === AuthorizeResult.ALLOW) return () => true;
  if (decision.result === AuthorizeResult.DENY) return () => false;
  return inProcess(decision, fieldsRead);
}

/**
 * The decision as a test of one entity, when it can be applied here exactly as the catalog would;
 * undefined otherwise. An entity a rule cannot be applied to is withheld (fail closed).
 */
function inProcess(
  decision: PolicyDecision,
  fieldsRead: readonly string[] | undefined,
): ((entity: Entity) => boolean) | undefined {
  if (
    decision.result !== AuthorizeResult.CONDITIONAL ||
    decision.pluginId !== 'catalog' ||
    decision.resourceType !== 'catalog-entity'
  )
    return undefined;
  const wasRead = (field: string) => !fieldsRead || fieldsRead.includes(field);
  if (!appliesHere(decision.conditions, wasRead)) return undefined;
  const { conditions } = decision;
  return entity => {
    try {
      return applyConditions(conditions, entity);
    } catch {
      return false;
    }
  };
}

/**
 * The permission framework's evaluation (createConditionAuthorizer in
 * @backstage/plugin-permission-node, which the catalog's apply-conditions runs), without its
 * validation of every leaf's parameters for every entity: ./appliesHere validated them once
 * (~5 µs per leaf and entity with zod, most of the cost at 5,000 entities).
 */
function applyConditions(
  criteria: PermissionCriteria<PermissionCondition>,
  entity: Entity,
): boolean {
  if (isAndCriteria(criteria))
    return criteria.allOf.every(child => applyConditions(child, entity));
  if (isOrCriteria(criteria))
    return criteria.anyOf.some(child => applyConditions(child, entity));
  if (isNotCriteria(criteria)) return !applyConditions(criteria.not, entity);
  return RULES.get(criteria.rule)!.rule.apply(entity, criteria.params ?? {});
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether every condition is one the catalog would accept and evaluate with its built-in rules:
 * non-empty anyOf/allOf, not, or a leaf `{ rule, resourceType, params }` of a known rule whose
 * parameters its schema accepts (the catalog refuses the others: guessing would be wrong) and
 * whose field was read whole. A node with two shapes at once is left to the catalog.
 */
function appliesHere(
  criteria: unknown,
  wasRead: (field: string) => boolean,
): boolean {
  if (!isObject(criteria)) return false;
  const keys = Object.keys(criteria);
  if (keys.length === 1 && (keys[0] === 'anyOf' || keys[0] === 'allOf')) {
    const children = criteria[keys[0]];
    return (
      Array.isArray(children) &&
      children.length > 0 &&
      children.every(child => appliesHere(child, wasRead))
    );
  }
  if (keys.length === 1 && keys[0] === 'not')
    return appliesHere(criteria.not, wasRead);
  if (keys.some(k => k !== 'rule' && k !== 'resourceType' && k !== 'params'))
    return false;
  const { rule, resourceType, params } = criteria;
  const known = typeof rule === 'string' ? RULES.get(rule) : undefined;
  return (
    !!known &&
    resourceType === 'catalog-entity' &&
    wasRead(known.reads) &&
    isObject(params) &&
    known.params.safeParse(params).success
  );
}
