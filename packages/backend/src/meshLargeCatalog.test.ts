/*
 * A catalog larger than one permission request can carry: 1,200 mapped Components, every
 * `mesh.entity.read` decision sent to the REAL permission backend over HTTP (allow-all policy).
 * Its body parser refuses requests above 100 kB (413), which a single batch of ~700+ decisions
 * exceeds; before the mesh plugin sent them in batches, every caller view failed closed and
 * /overview listed no entity. Test double: Backstage's in-memory catalog (processing 1,200
 * entities in the real catalog takes minutes here; the catalog is not what this test is about).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import meshPlugin from '@mesh-portal/plugin-mesh-backend';
import request from 'supertest';

const COMPONENTS = 1_200;
const DEMO_APPS = ['productpage', 'details', 'reviews', 'ratings'];

const component = (i: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `service-${i}`,
    namespace: 'default',
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
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          mesh: { demo: { enabled: true } },
        },
      }),
    ],
  });
  const res = await request(server)
    .get('/api/mesh/overview')
    .set('Authorization', mockCredentials.user.header('user:default/someone'));
  expect(res.status).toBe(200);
  expect(res.body.errors).toEqual([]);
  expect(res.body.withheldMembers).toBeUndefined();
  expect(res.body.summary.entities).toBe(COMPONENTS);
});
