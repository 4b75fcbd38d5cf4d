/*
 * The demo backend for tests: the REAL catalog and permission backends (catalog processing the
 * demo catalog files, conditional decisions applied by the catalog), the demo permission policy
 * and the mesh plugin on its embedded demo mesh. Test doubles: Backstage's mock auth (users are
 * chosen per request with mock tokens) and user-info service (which says who owns what).
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
import meshDemoPolicy from '../meshDemoPolicy';

export const GUEST = 'user:default/guest';
export const PAYMENTS_DEV = 'user:default/payments-dev';
const EXAMPLES = path.resolve(__dirname, '../../../../examples');

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
export const httpAuthWithActor = createServiceFactory({
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

export type DemoServer = Awaited<ReturnType<typeof startTestBackend>>['server'];

export const getAs = (server: DemoServer, user: string, url: string) =>
  request(server)
    .get(url)
    .set('Authorization', mockCredentials.user.header(user));

/** Starts the backend and waits until the catalog has processed the demo entities. */
export async function startDemoPolicyBackend(): Promise<DemoServer> {
  const get = (user: string, url: string) => getAs(server, user, url);
  const { server } = await startTestBackend({
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
  });
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
  return server;
}
