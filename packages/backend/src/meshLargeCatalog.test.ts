/*
 * A catalog larger than one permission request can carry: 1,200 mapped Components (1,000 under
 * the conditional policy), every `mesh.entity.read` decision sent to the REAL permission backend
 * over HTTP.
 * - Allow-all policy: the permission backend's body parser refuses requests above 100 kB (413),
 *   which a single batch of ~700+ decisions exceeds; before the mesh plugin sent them in batches,
 *   every caller view failed closed and /overview listed no entity.
 * - Conditional policy (the demo's): the permission backend forwards every conditional item of one
 *   request to the catalog's apply-conditions endpoint in ONE request, each item carrying the
 *   conditions (here with the user's 30 group claims, ~1.3 kB each), and that endpoint refuses more
 *   than 100 kB: a batch the permission backend accepted came back 413 (issue 15), /overview
 *   listed nothing and entity views joined to the refused batch answered 413. The policy adds an
 *   adopter's own rule (IS_ARCHIVED) to the demo's conditions: with the catalog's built-in rules
 *   alone the plugin decides once per caller, in process (meshReadConditions.test.ts), and sends
 *   per-entity decisions only for conditions like these.
 * Test doubles: Backstage's in-memory catalog, and for the conditional policy the catalog's
 * permission integration (__testUtils__/catalogPermissionIntegration): processing 1,200 entities in
 * the real catalog takes minutes here; the catalog is not what these tests are about. Backstage's
 * mock user-info service says which groups the user belongs to, and its mock HTTP auth keeps the
 * plugin actor of on-behalf-of tokens (__testUtils__/demoPolicyBackend).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  BackstageUserPrincipal,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { createCatalogPermissionRule } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import meshPlugin from '@mesh-portal/plugin-mesh-backend';
import request from 'supertest';
import { catalogPermissionIntegration } from './__testUtils__/catalogPermissionIntegration';
import { httpAuthWithActor } from './__testUtils__/demoPolicyBackend';
import { MeshDemoPolicy, OWNERS_ONLY_MESH_DATA_LABEL } from './meshDemoPolicy';

const COMPONENTS = 1_200;
const DEMO_APPS = ['productpage', 'details', 'reviews', 'ratings'];

const USER = 'user:default/someone';
const asUser = mockCredentials.user.header(USER);

const component = (i: number, labels?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `service-${i}`,
    namespace: 'default',
    ...(labels ? { labels } : {}),
    annotations: {
      'backstage.io/kubernetes-label-selector': `app=${
        DEMO_APPS[i % DEMO_APPS.length]
      }`,
      'backstage.io/kubernetes-namespace': 'bookinfo',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
});

const demoConfig = () =>
  mockServices.rootConfig.factory({
    data: {
      permission: { enabled: true },
      mesh: { demo: { enabled: true } },
    },
  });

jest.setTimeout(120_000);

it('answers the overview of a catalog too large for one permission request', async () => {
  const { server } = await startTestBackend({
    features: [
      meshPlugin,
      permissionPlugin,
      allowAllPolicy,
      catalogServiceMock.factory({
        entities: Array.from({ length: COMPONENTS }, (_, i) => component(i)),
      }),
      demoConfig(),
    ],
  });
  const res = await request(server)
    .get('/api/mesh/overview')
    .set('Authorization', asUser);
  expect(res.status).toBe(200);
  expect(res.body.errors).toEqual([]);
  expect(res.body.withheldMembers).toBeUndefined();
  expect(res.body.summary.entities).toBe(COMPONENTS);
});

describe('with a conditional policy whose conditions make apply-conditions requests large', () => {
  // Every 10th Component's mesh data is for its owners only (group:default/team; not the user's).
  const restricted = (i: number) => i % 10 === 0;
  // 1,000, not 1,200: the permission integration router's validation of every conditional item
  // (zod, ~3 ms each with these conditions) is this test's main cost, and under a loaded machine a
  // view's decisions must still come within the plugin's 10 s limit (scope/withTimeout).
  const entities = Array.from({ length: 1_000 }, (_, i) =>
    component(
      i,
      restricted(i) ? { [OWNERS_ONLY_MESH_DATA_LABEL]: 'true' } : undefined,
    ),
  );
  const allowed = entities
    .filter((_, i) => !restricted(i))
    .map(e => e.metadata.name);
  // A user in 30 groups: the demo policy's isEntityOwner condition lists all of them in every item.
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as BackstageUserPrincipal)
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [
          ref,
          ...Array.from({ length: 30 }, (_, i) => `group:default/guild-${i}`),
        ],
      };
    },
  });

  /** An adopter's own rule, which only the catalog can apply (no entity is archived here). */
  const isArchived = createCatalogPermissionRule({
    name: 'IS_ARCHIVED',
    description: 'Archived entities',
    resourceType: 'catalog-entity',
    apply: () => false,
    toQuery: () => ({ key: 'metadata.annotations.example.com/archived' }),
  });
  // The demo policy, with `anyOf: [IS_ARCHIVED, …]` around its conditions.
  const demoWithCustomRule = createBackendModule({
    pluginId: 'permission',
    moduleId: 'demo-with-custom-rule',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          const demo = new MeshDemoPolicy(userInfo);
          policy.setPolicy({
            async handle(query, user) {
              const decision = await demo.handle(query, user);
              if (decision.result !== AuthorizeResult.CONDITIONAL)
                return decision;
              const archived = {
                rule: 'IS_ARCHIVED',
                resourceType: 'catalog-entity',
                params: {},
              };
              return {
                ...decision,
                conditions: { anyOf: [archived, decision.conditions] },
              };
            },
          });
        },
      });
    },
  });

  it('lists every allowed entity, withholds the others, and answers concurrent entity views', async () => {
    const { server } = await startTestBackend({
      features: [
        meshPlugin,
        permissionPlugin,
        demoWithCustomRule,
        catalogServiceMock.factory({ entities }),
        catalogPermissionIntegration(entities, { moreRules: [isArchived] }),
        userInfo.factory,
        httpAuthWithActor,
        demoConfig(),
      ],
    });
    const get = (url: string) =>
      request(server).get(url).set('Authorization', asUser);
    const entityView = (i: number, view: string) =>
      get(`/api/mesh/entities/by-name/component/default/service-${i}/${view}`);
    // The overview's decisions and each view's own decisions, of one caller, in flight together,
    // views started one after another while the overview's batches are in flight: a view's
    // decision for its entity joins a batch when that batch asks for the same entity.
    const later = (ms: number) => new Promise(r => setTimeout(r, ms));
    const [overview, ...views] = await Promise.all([
      get('/api/mesh/overview'),
      ...Array.from({ length: 3 }, (_, n) =>
        later(n * 100).then(() =>
          Promise.all([
            entityView(n * 10 + 1, 'graph'),
            entityView(n * 10 + 1, 'health'),
          ]),
        ),
      ),
    ]).then(([first, ...rest]) => [first, ...rest.flat()]);
    expect(overview.status).toBe(200);
    expect(overview.body.errors).toEqual([]);
    expect(
      overview.body.entities.map((e: { name: string }) => e.name).sort(),
    ).toEqual([...allowed].sort());
    expect(overview.body.withheldMembers).toBe(
      entities.length - allowed.length,
    );
    expect(views.map(v => [v.status, v.body.errors])).toEqual(
      views.map(() => [200, []]),
    );
    // A Component whose mesh data is for its owners: 403, not an upstream status.
    expect((await entityView(10, 'graph')).status).toBe(403);
  });
});
