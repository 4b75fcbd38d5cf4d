/*
 * A System's Mesh tab is answered by the server (issue 13): every entity route accepts a System and
 * answers for the members the caller may see, in one response; a member withheld by
 * `mesh.entity.read` is counted, never named, and its workloads are not the System's to show.
 * Test doubles: see __testUtils__/policyBackend (catalog and permission policy over real HTTP).
 */
import {
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
  MeshEntityWorkloadsResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { openApiErrors } from '../__testUtils__/openapi';
import { asUser, startPolicyBackend } from '../__testUtils__/policyBackend';

const USER = 'user:default/outsider';
const SYSTEM = '/api/mesh/entities/by-name/system/default/bookinfo';

const start = () =>
  startPolicyBackend({
    entities: demoCatalogEntities(),
    rules: {
      readable: () => true,
      meshAllowed: (_user, _permission, ref) =>
        ref !== 'component:default/details',
    },
  });

describe('System routes', () => {
  let server: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    server = await start();
  });
  const get = (url: string) =>
    request(server).get(url).set('Authorization', asUser(USER));

  it('answers the graph for the members the caller may see, and counts the withheld one', async () => {
    const res = await get(`${SYSTEM}/graph?hops=1`);
    expect(res.status).toBe(200);
    const graph: MeshEntityGraphResponse = res.body;
    expect(openApiErrors('EntityGraph', graph)).toEqual([]);
    expect(graph.mapping.entityRef).toBe('system:default/bookinfo');
    expect(graph.mapping.withheldMembers).toBe(1);
    expect(graph.mapping.members?.map(m => m.entityRef).sort()).toEqual([
      'component:default/productpage',
      'component:default/ratings',
      'component:default/reviews',
    ]);
    const focus = graph.nodes.filter(n => n.isFocus).map(n => n.name);
    expect(focus).toEqual(
      expect.arrayContaining(['productpage-v1', 'reviews-v2', 'ratings-v1']),
    );
    // details is a withheld member: its workload is no focus of the System's graph.
    expect(focus).not.toContain('details-v1');
    expect(JSON.stringify(graph.mapping)).not.toMatch(/details/);
  });

  it('answers health, security, config, workloads and traces in single responses', async () => {
    const health = await get(`${SYSTEM}/health`);
    expect(health.status).toBe(200);
    const names = (health.body as MeshEntityHealthResponse).items
      .filter(i => i.kind === 'workload')
      .map(i => i.name)
      .sort();
    expect(names).toEqual([
      'productpage-v1',
      'ratings-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    for (const route of ['security', 'config', 'traces']) {
      const res = await get(`${SYSTEM}/${route}`);
      expect([route, res.status]).toEqual([route, 200]);
      expect(res.body.entityRef).toBe('system:default/bookinfo');
    }
    const workloads = await get(`${SYSTEM}/workloads`);
    expect(workloads.status).toBe(200);
    const body: MeshEntityWorkloadsResponse = workloads.body;
    expect(body.workloads.map(w => w.name)).not.toContain('details-v1');
    expect(body.workloads.length).toBe(5);
  });

  it('charts a node of the System graph, and refuses one outside it', async () => {
    const inGraph = await get(
      `${SYSTEM}/series?node=${encodeURIComponent(
        'wl:demo:bookinfo:reviews-v2',
      )}`,
    );
    expect(inGraph.status).toBe(200);
    const outside = await get(
      `${SYSTEM}/series?node=${encodeURIComponent('wl:demo:sock-shop:carts')}`,
    );
    expect(outside.status).toBe(404);
  });

  it('answers 404 with what to do for a System none of whose members maps to workloads', async () => {
    const server2 = await startPolicyBackend({
      entities: demoCatalogEntities().filter(
        e =>
          e.kind !== 'Component' ||
          (e.spec as { system?: string }).system !== 'bookinfo',
      ),
      rules: { readable: () => true, meshAllowed: () => true },
    });
    const res = await request(server2)
      .get(`${SYSTEM}/health`)
      .set('Authorization', asUser(USER));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /system:default\/bookinfo has no mesh data: none of its Components maps to workloads/,
    );
  });
});
