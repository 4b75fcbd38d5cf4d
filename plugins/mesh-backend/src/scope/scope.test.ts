/*
 * Regression tests of issue 13 (findings 2, 3 and 8; 4 in access/redactSpecs.test.ts) through the running router (real HTTP)
 * over the demo mesh. The `outsider` may not read mesh data of `details` (mesh.entity.read) and
 * may not read `productpage` or `ratings` at all (catalog). Two extra entities the outsider CAN
 * read tries to un-hide one: `sneaky` selects ratings' workloads and names its trace service.
 * Test doubles: __testUtils__/policyBackend (permission-aware catalog and permission service).
 */
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import {
  asUser,
  refOf,
  startPolicyBackend,
} from '../__testUtils__/policyBackend';
import { entityUrl } from '../__testUtils__/testBackend';

const OUTSIDER = 'user:default/outsider';
const component = (name: string, annotations: Record<string, string>) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/outsiders',
    },
  } as Entity);
const EXTRA = [
  component('sneaky', {
    'backstage.io/kubernetes-label-selector': 'app=ratings',
    'backstage.io/kubernetes-namespace': 'bookinfo',
    'mesh.backstage.io/tracing-service': 'ratings.bookinfo',
  }),
];
const HIDDEN_CATALOG = [
  'component:default/productpage',
  'component:default/ratings',
];

let server: Awaited<ReturnType<typeof startPolicyBackend>>;
beforeAll(async () => {
  server = await startPolicyBackend({
    entities: [...demoCatalogEntities(), ...EXTRA],
    rules: {
      readable: (user, e) =>
        user !== OUTSIDER || !HIDDEN_CATALOG.includes(refOf(e)),
      meshAllowed: (user, _permission, ref) =>
        user !== OUTSIDER || ref !== 'component:default/details',
    },
  });
});
const get = (url: string) =>
  request(server).get(url).set('Authorization', asUser(OUTSIDER));
const named = (kind: string, name: string, route: string, query = '') =>
  `/api/mesh/entities/by-name/${kind}/default/${name}/${route}${query}`;

describe('finding 2: rolled-up views withhold members whose mesh data is denied', () => {
  it.each([
    ['/api/mesh/overview'],
    ['/api/mesh/insights'],
    ['/api/mesh/posture'],
    ['/api/mesh/dependencies'],
    [named('group', 'bookinfo-team', 'team')],
    [named('group', 'bookinfo-team', 'posture')],
    [named('system', 'bookinfo', 'posture')],
    [named('system', 'bookinfo', 'dependencies')],
  ])('%s', async url => {
    const res = await get(url);
    expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
    const body = JSON.stringify(res.body);
    expect(body).not.toMatch(/details-v1|component:default\/details|"details"/);
    expect(res.body.withheldMembers).toBeGreaterThanOrEqual(1);
  });
});

describe('finding 3: a readable entity cannot un-hide a hidden one', () => {
  it.each(['graph', 'graph?graphType=app', 'workloads', 'health', 'config'])(
    "sneaky's %s does not name ratings' workloads",
    async route => {
      const res = await get(
        entityUrl(
          'sneaky',
          route.split('?')[0],
          route.includes('?') ? `?${route.split('?')[1]}` : '',
        ),
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/ratings-v1/);
    },
  );

  it("sneaky's traces do not name ratings' spans", async () => {
    const res = await get(entityUrl('sneaky', 'traces', '?limit=5'));
    expect(res.status).toBe(200);
    for (const trace of res.body.traces)
      expect(trace.services).not.toContain('ratings.bookinfo');
    expect(JSON.stringify(res.body.traces)).not.toMatch(/ratings-v1/);
  });
});

describe('finding 8: smaller ones', () => {
  it('charts service, ServiceEntry and unknown nodes of the caller’s graphs', async () => {
    const checked: string[] = [];
    for (const [name, graphType] of [
      ['reviews', 'service'],
      ['currencyservice', 'workload'],
      ['frontend', 'workload'],
    ]) {
      const graph = (
        await get(entityUrl(name, 'graph', `?graphType=${graphType}&hops=3`))
      ).body;
      const ids: string[] = graph.nodes
        .map((n: { id: string }) => n.id)
        .filter((id: string) => /^(svc|se|unknown):/.test(id));
      for (const id of ids) {
        const res = await get(
          entityUrl(
            name,
            'series',
            `?graphType=${graphType}&node=${encodeURIComponent(id)}`,
          ),
        );
        expect([id, res.status]).toEqual([id, 200]);
        checked.push(id.split(':')[0]);
      }
    }
    expect(new Set(checked)).toEqual(new Set(['svc', 'se', 'unknown']));
  });

  it('answers __proto__[x]=1 with 400, and caps unknown parameter names', async () => {
    const proto = await get(entityUrl('reviews', 'graph', '?__proto__[x]=1'));
    expect(proto.status).toBe(400);
    expect(proto.body.error.message).toMatch(/Unrecognized key.*__proto__/);
    const long = 'k'.repeat(5000);
    const res = await get(entityUrl('reviews', 'graph', `?${long}=1`));
    expect(res.status).toBe(400);
    expect(res.body.error.message.length).toBeLessThan(200);
  });
});
