/*
 * Ambient waypoints and Gateway API routing on the embedded demo mesh (Travels: ambient with a
 * waypoint and a mesh HTTPRoute splitting hotels 90/10; Sock Shop: ambient without a waypoint),
 * through a real test backend with the demo catalog; responses checked against the OpenAPI
 * document.
 */
import {
  MeshEntityConfigResponse,
  MeshEntitySecurityResponse,
  MeshEntityWorkloadsResponse,
  MeshGraph,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

describe('ambient waypoints and Gateway API routing (demo Travels)', () => {
  it('draws the waypoint as a node and counts the requests it carried once, on the direct edges', async () => {
    const res = await request(await startMeshBackend()).get(
      entityUrl('travels-portal', 'graph', '?window=10m'),
    );
    expect(res.status).toBe(200);
    const graph: MeshGraph = res.body;
    expect(openApiErrors('EntityGraph', graph)).toEqual([]);
    const waypoint = graph.nodes.find(n => n.isWaypoint);
    expect(waypoint).toMatchObject({ namespace: 'travels', name: 'waypoint' });
    const http = graph.edges.filter(
      e =>
        e.protocol === 'http' &&
        e.source === graph.nodes.find(n => n.name === 'travels-portal')?.id,
    );
    expect(http.length).toBeGreaterThan(0);
    expect(http.every(e => e.target !== waypoint!.id)).toBe(true);
    const intoWaypoint = graph.edges.filter(e => e.target === waypoint!.id);
    expect(intoWaypoint.map(e => e.protocol)).toEqual(['tcp']);
    expect(intoWaypoint[0].l4Only).toBeUndefined();
  });

  it('lists the HTTPRoute as the routing of hotels, valid, and badges its nodes with traffic shifting', async () => {
    const server = await startMeshBackend();
    const config: MeshEntityConfigResponse = (
      await request(server).get(entityUrl('hotels', 'config'))
    ).body;
    expect(openApiErrors('EntityConfig', config)).toEqual([]);
    const route = config.objects.find(o => o.ref.kind === 'HTTPRoute');
    expect(route).toMatchObject({
      ref: { name: 'hotels', namespace: 'travels' },
      valid: true,
    });
    // Attached to hotels' Service (parentRefs, the mesh pattern) and routing to its version Services.
    expect(route!.relations.sort()).toEqual(['host', 'route']);
    expect(route!.checks).toEqual([]);
    expect(config.summary.errors).toBe(0);
    const graph: MeshGraph = (
      await request(server).get(entityUrl('hotels', 'graph', '?window=10m'))
    ).body;
    const versions = graph.nodes.filter(n => n.app === 'hotels');
    expect(versions.map(n => n.istio)).toEqual(
      versions.map(() => ({
        routes: ['travels/hotels'],
        trafficShifting: true,
      })),
    );
  });

  it('names the waypoint each workload uses; Sock Shop has none (L4 only)', async () => {
    const server = await startMeshBackend();
    const hotels: MeshEntityWorkloadsResponse = (
      await request(server).get(entityUrl('hotels', 'workloads'))
    ).body;
    expect(openApiErrors('EntityWorkloads', hotels)).toEqual([]);
    expect(hotels.workloads.map(w => w.waypoint)).toEqual([
      { name: 'waypoint', namespace: 'travels', via: 'namespace', found: true },
      { name: 'waypoint', namespace: 'travels', via: 'namespace', found: true },
    ]);
    const security: MeshEntitySecurityResponse = (
      await request(server).get(entityUrl('hotels', 'security'))
    ).body;
    expect(security.workloads.map(w => w.waypoint?.name)).toEqual([
      'waypoint',
      'waypoint',
    ]);
    const carts: MeshEntityWorkloadsResponse = (
      await request(server).get(entityUrl('carts', 'workloads'))
    ).body;
    expect(carts.workloads[0].dataplane).toBe('ambient');
    expect(carts.workloads[0].waypoint).toBeUndefined();
  });
});
