/*
 * The graph route through a real test backend and real HTTP (supertest); see __testUtils__/testBackend
 * for which parts are test doubles.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { MeshEntityGraphResponse } from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from './__testUtils__/openapi';
import { entityUrl, startMeshBackend } from './__testUtils__/testBackend';

const start = (permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY) =>
  startMeshBackend({ permission });
const graphUrl = (name: string, query = '') => entityUrl(name, 'graph', query);

describe('GET /entities/by-name/:kind/:namespace/:name/graph', () => {
  it("returns productpage's Bookinfo neighbourhood with live rates, realistic errors and owners", async () => {
    const server = await start();
    const res = await request(server).get(
      graphUrl('productpage', '?window=10m'),
    );
    expect(res.status).toBe(200);
    const graph: MeshEntityGraphResponse = res.body;
    const byName = new Map(graph.nodes.map(n => [n.name, n]));
    for (const name of [
      'productpage-v1',
      'details-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'ratings-v1',
    ]) {
      expect(byName.get(name)).toBeDefined();
    }
    expect(byName.get('productpage-v1')).toMatchObject({
      isFocus: true,
      entityRef: 'component:default/productpage',
      owner: 'group:default/bookinfo-team',
      system: 'system:default/bookinfo',
    });
    expect(byName.get('reviews-v2')).toMatchObject({
      entityRef: 'component:default/reviews',
      health: { status: 'degraded' },
    });
    const edge = (s: string, t: string) =>
      graph.edges.find(
        e => e.source.endsWith(`:${s}`) && e.target.endsWith(`:${t}`),
      )!;
    expect(edge('productpage-v1', 'details-v1').rps).toBeGreaterThan(10);
    expect(edge('productpage-v1', 'details-v1').errorRate).toBeGreaterThan(0);
    expect(edge('productpage-v1', 'details-v1').errorRate).toBeLessThan(0.02);
    expect(edge('reviews-v2', 'ratings-v1')).toMatchObject({
      protocol: 'http',
      mtls: 1,
    });
    expect(edge('reviews-v2', 'ratings').errorRate).toBe(1); // the injected fault
    expect(graph.mapping).toMatchObject({
      labelSelector: 'app=productpage',
      namespace: 'bookinfo',
    });
    expect(graph.errors).toEqual([]);
    expect(graph.windowSeconds).toBe(600);
    expect(openApiErrors('EntityGraph', graph)).toEqual([]);
  });

  it('honours hops and graph type', async () => {
    const server = await start();
    const oneHop = (
      await request(server).get(graphUrl('productpage', '?hops=1'))
    ).body as MeshEntityGraphResponse;
    expect(oneHop.nodes.map(n => n.name)).not.toContain('ratings-v1');
    const app = (
      await request(server).get(graphUrl('reviews', '?graphType=app'))
    ).body as MeshEntityGraphResponse;
    expect(app.graphType).toBe('app');
    expect(app.nodes.filter(n => n.name === 'reviews')).toHaveLength(1);
  });

  it.each([
    ['?window=abc', /Invalid window 'abc'/],
    ['?window=1s', /out of range/],
    ['?window=10m&window=5m', /window must be given once/],
    ['?hops=9', /hops must be 1, 2 or 3/],
    ['?graphType=cytoscape', /graphType must be one of/],
    ['?limit=3', /Unrecognized key/],
  ])('answers 400 with a clear message for %s', async (query, message) => {
    const res = await request(await start()).get(
      graphUrl('productpage', query),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
  });

  it('answers 400 for a malformed entity name', async () => {
    const res = await request(await start()).get(
      '/api/mesh/entities/by-name/component/default/%22%7D%20or%20x/graph',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });

  it('answers 404 for an unknown entity and for an entity it cannot map', async () => {
    const server = await start();
    const missing = await request(server).get(graphUrl('does-not-exist'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'Entity component:default/does-not-exist not found',
    );
    // A Component without annotations is mapped by name; no workload has this name.
    const bare = await request(server).get(graphUrl('no-annotations'));
    expect(bare.status).toBe(200);
    expect(bare.body.mapping).toMatchObject({
      canonicalService: 'no-annotations',
      workloads: [],
    });
    const off = await startMeshBackend({
      config: { mesh: { nameMapping: { enabled: false } } },
    });
    const unmapped = await request(off).get(graphUrl('no-annotations'));
    expect(unmapped.status).toBe(404);
    expect(unmapped.body.error.message).toMatch(
      /neither a backstage.io\/kubernetes-id nor a backstage.io\/kubernetes-label-selector annotation, and mapping by name is off/,
    );
  });

  it('answers 401 without credentials', async () => {
    const res = await request(await start())
      .get(graphUrl('productpage'))
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 403 when the permission policy denies mesh.entity.read', async () => {
    const res = await request(await start(AuthorizeResult.DENY)).get(
      graphUrl('productpage'),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed to read mesh data of component:default/productpage',
    });
  });
});
