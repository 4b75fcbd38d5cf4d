/*
 * Envoy response flags on the demo (issue 16 part 6): read from the request series the graph
 * already queries (`response_flags` is one of its labels), shown per edge and per node, and
 * injected faults named in the health reasons. The demo's ratings fault rule answers 5% with an
 * injected 500 (FI); productcatalogservice's circuit breaker rejects 0.4% (UO).
 */
import { MeshEntityGraphResponse } from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const graphOf = async (name: string): Promise<MeshEntityGraphResponse> => {
  const res = await request(await startMeshBackend()).get(
    entityUrl(name, 'graph'),
  );
  expect(res.status).toBe(200);
  expect(openApiErrors('EntityGraph', res.body)).toEqual([]);
  return res.body;
};

describe('response flags', () => {
  it("mark the ratings fault rule's answers as injected, on the edges, the node and in its health", async () => {
    const graph = await graphOf('ratings');
    const service = graph.nodes.find(
      n => n.type === 'service' && n.name === 'ratings',
    )!;
    const into = graph.edges.filter(e => e.target === service.id);
    const fi = into.reduce((a, e) => a + (e.responseFlags?.FI ?? 0), 0);
    expect(fi).toBeGreaterThan(0);
    expect(service.responseFlags?.FI).toBeCloseTo(fi, 2);
    // Served requests carry no flag: only the fault rule's answers do.
    const served = graph.edges.filter(e =>
      graph.nodes.some(n => n.id === e.target && n.workload === 'ratings-v1'),
    );
    expect(served.length).toBeGreaterThan(0);
    expect(served.every(e => e.responseFlags === undefined)).toBe(true);
    expect(service.health.reasons).toContain(
      '5.0% of inbound requests were faults injected by Istio (FI): injected on purpose, not a failure of the service',
    );
  });

  it("show productcatalogservice's tripped circuit breaker (UO) on its callers' edges", async () => {
    const graph = await graphOf('productcatalogservice');
    const target = (id: string) => graph.nodes.find(n => n.id === id)!;
    const into = graph.edges.filter(e =>
      target(e.target).name.startsWith('productcatalogservice'),
    );
    const tripped = into.filter(e => (e.responseFlags?.UO ?? 0) > 0);
    expect(tripped.length).toBeGreaterThan(0);
    // The proxy rejects the call itself: no workload is reached, so the edge ends at the Service.
    for (const e of tripped) {
      expect(target(e.target).type).toBe('service');
      expect(e.responses?.['14']).toBeGreaterThan(0); // gRPC UNAVAILABLE
    }
    const uo = tripped.reduce((a, e) => a + e.responseFlags!.UO, 0);
    const all = into.reduce((a, e) => a + e.rps, 0);
    expect(uo / all).toBeGreaterThan(0.002);
    expect(uo / all).toBeLessThan(0.01);
  });
});
