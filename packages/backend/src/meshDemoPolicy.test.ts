/*
 * The demo's permission policy with the REAL catalog and permission backends and the mesh plugin on
 * its embedded demo mesh (see __testUtils__/demoPolicyBackend for the test doubles).
 */
import {
  DemoServer,
  getAs,
  GUEST,
  PAYMENTS_DEV,
  startDemoPolicyBackend,
} from './__testUtils__/demoPolicyBackend';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import {
  MeshDemoPolicy,
  OWNERS_ONLY_LABEL,
  OWNERS_ONLY_MESH_DATA_LABEL,
} from './meshDemoPolicy';

// Each mesh request makes real catalog and permission round trips (one batched mesh.entity.read
// decision over the catalog's mapped entities); on a loaded 2-core machine that exceeds Jest's
// default 5 s. Speed is measured by `npm run bench:load`, not here.
jest.setTimeout(30_000);

let server: DemoServer;
const get = (user: string, url: string) => getAs(server, user, url);
const meshGraph = (name: string) =>
  `/api/mesh/entities/by-name/component/default/${name}/graph`;

beforeAll(async () => {
  server = await startDemoPolicyBackend();
}, 90_000);

describe('the demo permission policy', () => {
  it('keeps Bookinfo open to the guest (the E2E path)', async () => {
    const res = await get(GUEST, meshGraph('productpage'));
    expect(res.status).toBe(200);
    expect(res.body.nodes.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(['productpage-v1', 'ratings-v1']),
    );
    expect(
      res.body.nodes.some((n: { restricted?: boolean }) => n.restricted),
    ).toBe(false);
  });

  it('hides paymentservice from the guest: 404 everywhere, a restricted node in its callers’ graphs', async () => {
    expect(
      (
        await get(
          GUEST,
          '/api/catalog/entities/by-name/component/default/paymentservice',
        )
      ).status,
    ).toBe(404);
    const own = await get(GUEST, meshGraph('paymentservice'));
    expect(own.status).toBe(404);
    expect(own.body.error.message).toBe(
      'Entity component:default/paymentservice not found',
    );
    const caller = await get(GUEST, meshGraph('checkoutservice'));
    expect(caller.status).toBe(200);
    expect(JSON.stringify(caller.body)).not.toMatch(/paymentservice/);
    const restricted = caller.body.nodes.filter(
      (n: { restricted?: boolean }) => n.restricted,
    );
    expect(restricted.length).toBeGreaterThan(0);
    expect(
      caller.body.edges.some(
        (e: { target: string; rps: number }) =>
          e.target === restricted[0].id && e.rps > 0,
      ),
    ).toBe(true);
  });

  it("denies the guest loadgenerator's mesh data (403) while its catalog page stays readable", async () => {
    expect(
      (
        await get(
          GUEST,
          '/api/catalog/entities/by-name/component/default/loadgenerator',
        )
      ).status,
    ).toBe(200);
    const res = await get(GUEST, meshGraph('loadgenerator'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed to read mesh data of component:default/loadgenerator',
    });
  });

  it('lets the owners read both', async () => {
    expect((await get(PAYMENTS_DEV, meshGraph('paymentservice'))).status).toBe(
      200,
    );
    expect((await get(PAYMENTS_DEV, meshGraph('loadgenerator'))).status).toBe(
      200,
    );
    const caller = await get(PAYMENTS_DEV, meshGraph('checkoutservice'));
    expect(
      caller.body.nodes.find(
        (n: { name: string }) => n.name === 'paymentservice',
      ),
    ).toMatchObject({ entityRef: 'component:default/paymentservice' });
  });
});

describe('the demo permission policy on generated catalogs', () => {
  // The policy alone: the decision it hands the catalog (which applies it, as above), for a
  // user who owns nothing. The user-info double says who owns what, as in demoPolicyBackend.
  const policy = new MeshDemoPolicy({
    getUserInfo: async () => ({
      userEntityRef: GUEST,
      ownershipEntityRefs: [GUEST],
    }),
  });
  const decide = (permission: ResourcePermission<'catalog-entity'>) =>
    policy.handle({ permission }, {
      identity: { type: 'user', userEntityRef: GUEST, ownershipEntityRefs: [] },
      credentials: mockCredentials.user(GUEST),
    } as any);

  it.each([
    { permission: catalogEntityReadPermission, label: OWNERS_ONLY_LABEL },
    {
      permission: meshEntityReadPermission,
      label: OWNERS_ONLY_MESH_DATA_LABEL,
    },
  ])(
    'restricts entities labelled for $permission.name to their owners',
    async ({ permission, label }) => {
      const decision: any = await decide(
        permission as ResourcePermission<'catalog-entity'>,
      );
      expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(JSON.stringify(decision.conditions.anyOf[0].not)).toContain(
        JSON.stringify({
          rule: 'HAS_LABEL',
          resourceType: 'catalog-entity',
          params: { label },
        }).slice(1, -1),
      );
    },
  );
});
