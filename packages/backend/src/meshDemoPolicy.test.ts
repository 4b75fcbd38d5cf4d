/*
 * The demo's permission policy with the REAL catalog and permission backends (catalog processing
 * the demo catalog files, conditional decisions applied by the catalog) and the mesh plugin on its
 * embedded demo mesh. Test doubles: Backstage's mock auth (users are chosen per request with mock
 * tokens) and user-info service (which says who owns what).
 */
import {
  BackstagePrincipalTypes,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import meshPlugin from '@mesh-portal/plugin-mesh-backend';
import path from 'path';
import request from 'supertest';
import meshDemoPolicy from './meshDemoPolicy';

const GUEST = 'user:default/guest';
const PAYMENTS_DEV = 'user:default/payments-dev';
const EXAMPLES = path.resolve(__dirname, '../../../examples');

const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs:
        ref === PAYMENTS_DEV ? [ref, 'group:default/boutique-team'] : [ref],
    };
  },
});

/**
 * Backstage's mock HTTP auth, except that a plugin's on-behalf-of token authenticates with the
 * calling plugin as `actor`, as real OBO tokens do (the mock drops it, and the permission backend
 * then refuses the catalog's conditional query as a "direct user request").
 */
const OBO_PREFIX = 'mock-service-token:';
const httpAuthWithActor = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }): HttpAuthService => {
    const base = mockServices.httpAuth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(base), {
      async credentials(
        req: Parameters<HttpAuthService['credentials']>[0],
        options?: { allow?: Array<keyof BackstagePrincipalTypes> },
      ) {
        const credentials = await base.credentials(req, options as any);
        const token = String(req.headers.authorization ?? '').replace(
          /^Bearer /,
          '',
        );
        const payload = token.startsWith(OBO_PREFIX)
          ? JSON.parse(token.slice(OBO_PREFIX.length))
          : undefined;
        const principal = credentials.principal as BackstageUserPrincipal;
        if (payload?.obo && principal.type === 'user')
          principal.actor = { type: 'service', subject: payload.sub };
        return credentials;
      },
    });
  },
});

let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
const get = (user: string, url: string) =>
  request(server)
    .get(url)
    .set('Authorization', mockCredentials.user.header(user));
const meshGraph = (name: string) =>
  `/api/mesh/entities/by-name/component/default/${name}/graph`;

beforeAll(async () => {
  ({ server } = await startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      meshDemoPolicy,
      meshPlugin,
      userInfo.factory,
      httpAuthWithActor,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          mesh: { demo: { enabled: true } },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Group',
                  'User',
                ],
              },
            ],
            locations: [
              'org.yaml',
              'bookinfo.yaml',
              'online-boutique.yaml',
            ].map(f => ({
              type: 'file',
              target: path.join(EXAMPLES, 'mesh-demo', f),
            })),
          },
        },
      }),
    ],
  }));
  // The catalog processes its locations in the background.
  const deadline = Date.now() + 60_000;
  while (
    (
      await get(
        PAYMENTS_DEV,
        '/api/catalog/entities/by-name/component/default/loadgenerator',
      )
    ).status !== 200
  ) {
    if (Date.now() > deadline)
      throw new Error('the catalog did not process the demo entities in time');
    await new Promise(r => setTimeout(r, 200));
  }
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
