/*
 * How the mesh plugin decides `mesh.entity.read` (plugins/mesh-backend README "Access control"):
 * one conditional decision per caller from the REAL permission backend, applied in the plugin for
 * the catalog's built-in rules; per-entity decisions (applied by the catalog) for any other rule.
 * - equivalence: for a generated catalog (600 entities, __testUtils__/variedCatalog) and criteria
 *   over all six built-in rules (anyOf/allOf/not), /overview lists exactly the entities the
 *   catalog's own `permissionRules` allow (applied with the permission framework's
 *   createConditionAuthorizer to the whole entities, as the catalog's apply-conditions does);
 * - fallback: a criterion with a rule the plugin does not know is decided per entity, correctly;
 * - the caller's view: under the same criteria for `catalog.entity.read`, /overview lists exactly
 *   what the catalog's rules let the caller read (decided in the plugin from its own catalog read),
 *   and an entity route answers 404 for an entity the rules deny;
 * - count: with the demo policy, an overview of 1,000 Components asks one conditional decision
 *   and no per-entity decision.
 * Test doubles (why: see meshLargeCatalog.test.ts): Backstage's in-memory catalog, the catalog's
 * permission integration (__testUtils__/catalogPermissionIntegration), mock user info and auth.
 */
import {
  BackstageUserPrincipal,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogConditions as c,
  createCatalogConditionalDecision,
  createCatalogPermissionRule,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import meshPlugin from '@mesh-portal/plugin-mesh-backend';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { catalogPermissionIntegration } from './__testUtils__/catalogPermissionIntegration';
import { httpAuthWithActor } from './__testUtils__/demoPolicyBackend';
import { TEAMS, variedEntity } from './__testUtils__/variedCatalog';
import { MeshDemoPolicy, OWNERS_ONLY_MESH_DATA_LABEL } from './meshDemoPolicy';

type Criteria = PermissionCriteria<PermissionCondition<'catalog-entity'>>;

/** An adopter's own rule (a catalog module would add it): entities whose number is even. */
const hasEvenNumber = createCatalogPermissionRule({
  name: 'HAS_EVEN_NUMBER',
  description: 'Entities whose name ends in an even number',
  resourceType: 'catalog-entity',
  apply: (entity: Entity) =>
    Number(entity.metadata.name.split('-')[1]) % 2 === 0,
  toQuery: () => ({ key: 'metadata.name' }),
});

const CRITERIA: Record<string, Criteria> = {
  demo: {
    anyOf: [
      {
        not: {
          anyOf: [
            c.hasLabel({ label: OWNERS_ONLY_MESH_DATA_LABEL }),
            c.hasMetadata({ key: 'name', value: 'entity-3' }),
          ],
        },
      },
      c.isEntityOwner({ claims: [TEAMS[1]] }),
    ],
  },
  kinds: {
    allOf: [
      c.isEntityKind({ kinds: ['component', 'API'] }),
      { not: c.hasLabel({ label: 'tier', value: 'GOLD' }) },
    ],
  },
  annotations: {
    anyOf: [
      c.hasAnnotation({ annotation: 'example.com/PAGER', value: 'on' }),
      c.hasSpec({ key: 'lifecycle', value: 'PRODUCTION' }),
    ],
  },
  metadata: {
    not: {
      anyOf: [
        c.hasMetadata({ key: 'tags.java' }),
        c.hasMetadata({ key: 'namespace', value: 'ops' }),
        c.hasMetadata({ key: 'title', value: 'entity 10' }),
        c.hasMetadata({ key: 'labels.TIER', value: 'Silver' }),
      ],
    },
  },
  spec: {
    anyOf: [
      c.hasSpec({ key: 'deep.nested', value: 'X' }),
      c.hasSpec({ key: 'deep.n', value: '14' }),
      c.hasSpec({ key: 'dependsOn', value: 'component:default/entity-9' }),
      c.hasSpec({ key: 'notes' }),
      c.hasSpec({ key: 'enabled', value: 'false' }),
    ],
  },
  owners: {
    allOf: [
      { not: c.isEntityOwner({ claims: [TEAMS[0], TEAMS[2]] }) },
      {
        not: {
          allOf: [
            c.hasLabel({ label: 'TIER' }),
            c.isEntityKind({ kinds: ['resource'] }),
          ],
        },
      },
    ],
  },
  custom: {
    anyOf: [
      { rule: 'HAS_EVEN_NUMBER', resourceType: 'catalog-entity', params: {} },
      c.hasLabel({ label: 'tier', value: 'gold' }),
    ],
  },
};

const userFor = (criteria: string) => `user:default/criteria-${criteria}`;

/**
 * Decides `mesh.entity.read` (or, with `decides`, another permission such as
 * `catalog.entity.read`) by the user's criteria (or the demo policy), counting decisions.
 */
class CriteriaPolicy implements PermissionPolicy {
  /** Users of every `mesh.entity.read` decision asked (one per item, conditional or not). */
  readonly meshReads: string[] = [];

  constructor(
    private readonly demo?: PermissionPolicy,
    private readonly decides: ResourcePermission = meshEntityReadPermission,
  ) {}

  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user || !isPermission(query.permission, this.decides))
      return { result: AuthorizeResult.ALLOW };
    const ref = (user.credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    this.meshReads.push(ref);
    if (this.demo) return this.demo.handle(query, user);
    return createCatalogConditionalDecision(
      query.permission as ResourcePermission<'catalog-entity'>,
      CRITERIA[ref.replace('user:default/criteria-', '')],
    );
  }
}

/** Users own their own entity and team-3 (the demo policy's isEntityOwner claims). */
const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: [ref, TEAMS[3]] };
  },
});

async function start(entities: Entity[], policy: CriteriaPolicy) {
  const loads: string[][] = [];
  const { server } = await startTestBackend({
    features: [
      meshPlugin,
      permissionPlugin,
      createBackendModule({
        pluginId: 'permission',
        moduleId: 'criteria-policy',
        register(reg) {
          reg.registerInit({
            deps: { extension: policyExtensionPoint },
            async init({ extension }) {
              extension.setPolicy(policy);
            },
          });
        },
      }),
      catalogServiceMock.factory({ entities }),
      catalogPermissionIntegration(entities, {
        moreRules: [hasEvenNumber],
        onGetResources: refs => loads.push(refs),
      }),
      userInfo.factory,
      httpAuthWithActor,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          mesh: { demo: { enabled: true } },
        },
      }),
    ],
  });
  const overview = async (user: string) => {
    const res = await request(server)
      .get('/api/mesh/overview')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    return res.body as {
      entities: { entityRef: string }[];
      withheldMembers?: number;
    };
  };
  /** An entity route's status for `user` (the entity read as the caller may read it). */
  const healthStatus = async (user: string, ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref);
    const res = await request(server)
      .get(`/api/mesh/entities/by-name/${kind}/${namespace}/${name}/health`)
      .set('Authorization', mockCredentials.user.header(user));
    return res.status;
  };
  return { overview, loads, healthStatus };
}

/** The refs the catalog's own rules allow under `criteria`, in the catalog's order of refs. */
function allowedByCatalog(entities: Entity[], criteria: Criteria): string[] {
  const authorize = createConditionAuthorizer([
    ...Object.values(permissionRules),
    hasEvenNumber,
  ]);
  const decision = {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: criteria,
  } as const;
  return entities
    .filter(e => authorize(decision, e))
    .map(e => stringifyEntityRef(e))
    .sort();
}

jest.setTimeout(120_000);

describe('mesh.entity.read decided once per caller', () => {
  const entities = Array.from({ length: 600 }, (_, i) => variedEntity(i));

  it.each(Object.keys(CRITERIA))(
    'lists what the catalog rules allow under the %s criteria',
    async name => {
      const policy = new CriteriaPolicy();
      const { overview, loads } = await start(entities, policy);
      const body = await overview(userFor(name));
      const expected = allowedByCatalog(entities, CRITERIA[name]);
      // Every criterion both allows and withholds some entities: none is trivially equal.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(entities.length);
      expect(body.entities.map(e => e.entityRef).sort()).toEqual(expected);
      expect(body.withheldMembers ?? 0).toBe(entities.length - expected.length);
      // The plugin does not know HAS_EVEN_NUMBER: then each entity is decided by the catalog.
      const perEntity = name === 'custom' ? entities.length : 0;
      expect({
        conditionalItems: loads.flat().length,
        decisions: policy.meshReads.length,
      }).toEqual({ conditionalItems: perEntity, decisions: 1 + perEntity });
      expect(new Set(policy.meshReads)).toEqual(new Set([userFor(name)]));
    },
  );

  // The catalog test double returns every entity to every caller: only the plugin's decided view
  // (plugins/mesh-backend scope/decidedView, the caller's catalog.entity.read decision applied to
  // the plugin's own read) can make the overview list exactly what the catalog's rules allow.
  it.each(Object.keys(CRITERIA).filter(name => name !== 'custom'))(
    'lists what catalog.entity.read allows under the %s criteria',
    async name => {
      const policy = new CriteriaPolicy(undefined, catalogEntityReadPermission);
      const { overview, loads, healthStatus } = await start(entities, policy);
      const body = await overview(userFor(name));
      const expected = allowedByCatalog(entities, CRITERIA[name]);
      expect(body.entities.map(e => e.entityRef).sort()).toEqual(expected);
      // Entities the caller may not read are not mentioned at all (not even counted).
      expect(body.withheldMembers ?? 0).toBe(0);
      expect(loads).toEqual([]);
      // An entity route: an entity the caller may not read is a 404; a Component or Resource
      // it may read answers (a System or an API would be a 404 of their own: no workloads).
      const refs = entities.map(e => stringifyEntityRef(e));
      const unreadable = refs.find(ref => !expected.includes(ref))!;
      expect(await healthStatus(userFor(name), unreadable)).toBe(404);
      const mapped = expected.find(ref => /^(component|resource):/.test(ref));
      expect(mapped).toBeDefined();
      expect(await healthStatus(userFor(name), mapped!)).toBe(200);
    },
  );

  it('asks the demo policy once for an overview of 1,000 Components', async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({
      ...variedEntity(i),
      kind: 'Component',
    }));
    const policy = new CriteriaPolicy(new MeshDemoPolicy(userInfo));
    const { overview, loads } = await start(many, policy);
    const user = 'user:default/someone';
    const body = await overview(user);
    // Withheld: labelled mesh-data-owners-only and not owned by team-3 (the user's group).
    const withheld = many.filter(
      e =>
        e.metadata.labels?.[OWNERS_ONLY_MESH_DATA_LABEL] &&
        e.relations?.[0]?.targetRef !== TEAMS[3],
    );
    expect(withheld.length).toBeGreaterThan(0);
    expect(body.entities.length).toBe(many.length - withheld.length);
    expect(body.withheldMembers).toBe(withheld.length);
    expect(policy.meshReads).toEqual([user]);
    expect(loads).toEqual([]);
  });
});
