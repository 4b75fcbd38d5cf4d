/*
 * The demo's entities without annotations (issue 16, part 1), through the routes: the Component
 * shippingservice and the Resource redis-cart are mapped by name to their Istio canonical service.
 * Demo mesh, demo catalog, the real test backend.
 */
import {
  MeshDependenciesResponse,
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

describe('entities mapped by name on the demo', () => {
  it('gives the unannotated Component shippingservice a graph, health and drift', async () => {
    const server = await startMeshBackend();
    const graph: MeshEntityGraphResponse = (
      await request(server).get(entityUrl('shippingservice', 'graph'))
    ).body;
    expect(openApiErrors('EntityGraph', graph)).toEqual([]);
    expect(graph.mapping).toMatchObject({
      entityRef: 'component:default/shippingservice',
      canonicalService: 'shippingservice',
      workloads: [{ namespace: 'online-boutique', name: 'shippingservice' }],
    });
    const own = graph.nodes.find(n => n.name === 'shippingservice')!;
    expect(own).toMatchObject({
      entityRef: 'component:default/shippingservice',
      owner: 'group:default/boutique-team',
    });
    expect(graph.edges.some(e => e.target === own.id && e.rps > 0)).toBe(true);

    const health: MeshEntityHealthResponse = (
      await request(server).get(entityUrl('shippingservice', 'health'))
    ).body;
    expect(
      health.items.find(
        i => i.kind === 'workload' && i.name === 'shippingservice',
      )?.health.status,
    ).toBe('healthy');

    const drift: MeshDependenciesResponse = (
      await request(server).get(entityUrl('shippingservice', 'dependencies'))
    ).body;
    expect(
      drift.dependencies.map(d => `${d.direction} ${d.entityRef} ${d.drift}`),
    ).toEqual(
      expect.arrayContaining([
        'inbound component:default/frontend declared',
        'inbound component:default/checkoutservice declared',
      ]),
    );
    expect(drift.unknownPeers).toEqual([]);
  });

  it('counts the unannotated Resource redis-cart, which cartservice dependsOn and calls over TCP, as declared', async () => {
    const server = await startMeshBackend();
    const drift: MeshDependenciesResponse = (
      await request(server).get(entityUrl('cartservice', 'dependencies'))
    ).body;
    expect(
      drift.dependencies.map(d => `${d.direction} ${d.entityRef} ${d.drift}`),
    ).toContain('outbound resource:default/redis-cart declared');
    expect(drift.unknownPeers).toEqual([]);
    const redis = await request(server).get(
      '/api/mesh/entities/by-name/resource/default/redis-cart/graph',
    );
    expect(redis.status).toBe(200);
    expect(
      (redis.body as MeshEntityGraphResponse).edges.some(
        e => e.protocol === 'tcp',
      ),
    ).toBe(true);
  });

  it('maps nothing by name when it is turned off or the kind is excluded', async () => {
    const componentsOnly = await startMeshBackend({
      config: { mesh: { nameMapping: { kinds: ['Component'] } } },
    });
    const redis = await request(componentsOnly).get(
      '/api/mesh/entities/by-name/resource/default/redis-cart/graph',
    );
    expect(redis.status).toBe(404);
    expect(redis.body.error.message).toMatch(/mesh.nameMapping.kinds/);
    const drift: MeshDependenciesResponse = (
      await request(componentsOnly).get(
        entityUrl('cartservice', 'dependencies'),
      )
    ).body;
    // Without the Resource's mapping its workload is nobody's: an unknown peer.
    expect(drift.unknownPeers.map(p => p.name)).toContain('redis-cart');
  });
});
