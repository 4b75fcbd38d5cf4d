import {
  MeshEntityGraphResponse,
  MeshSeriesResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const series = (entity: string, query: string) =>
  entityUrl(entity, 'series', query);

describe('GET /entities/by-name/:kind/:namespace/:name/series', () => {
  it('charts an edge of the entity graph: rps, error rate, latency and codes per step', async () => {
    const edge = encodeURIComponent(
      'wl:demo:bookinfo:productpage-v1->wl:demo:bookinfo:details-v1:http',
    );
    const res = await request(await startMeshBackend()).get(
      series('productpage', `?window=30m&edge=${edge}`),
    );
    expect(res.status).toBe(200);
    const body: MeshSeriesResponse = res.body;
    expect(body).toMatchObject({
      windowSeconds: 1800,
      stepSeconds: 60,
      reporter: 'destination',
      errors: [],
    });
    expect(body.timestamps).toHaveLength(30);
    expect(body.rps.every(v => v > 10)).toBe(true);
    expect(Object.keys(body.responses).sort()).toEqual(['200', '503']);
    expect(body.errorRate.every(v => v !== null && v > 0 && v < 0.02)).toBe(
      true,
    );
    expect(body.latency.p95.every(v => v !== null && v > 0)).toBe(true);
    expect(openApiErrors('Series', body)).toEqual([]);
  });

  it('charts a Service node of a service graph as the whole Service: served requests as the servers saw them, the injected fault as the clients did', async () => {
    const res = await request(await startMeshBackend()).get(
      series(
        'reviews',
        `?graphType=service&node=${encodeURIComponent(
          'svc:demo:bookinfo:ratings',
        )}`,
      ),
    );
    expect(res.status).toBe(200);
    const body: MeshSeriesResponse = res.body;
    expect(body.reporter).toBe('mixed');
    expect(body.covers).toBe('Inbound: all requests to Service ratings.');
    body.timestamps.forEach((_, i) =>
      expect(body.responses['500'][i] / body.rps[i]).toBeCloseTo(0.05, 2),
    );
  });

  it('charts a Service node of a workload graph as what it stands for there: the requests no workload served', async () => {
    const res = await request(await startMeshBackend()).get(
      series(
        'reviews',
        `?node=${encodeURIComponent('svc:demo:bookinfo:ratings')}`,
      ),
    );
    expect(res.status).toBe(200);
    const body: MeshSeriesResponse = res.body;
    expect(body.reporter).toBe('source');
    expect(Object.keys(body.responses)).toEqual(['500']);
    expect(body.covers).toMatch(/reached no workload/);
    expect(openApiErrors('Series', body)).toEqual([]);
  });

  it.each(['ratings', 'productpage', 'checkoutservice', 'front-end'])(
    "matches every HTTP/gRPC edge of %s's graph within 5%",
    async entity => {
      const server = await startMeshBackend();
      const graph: MeshEntityGraphResponse = (
        await request(server).get(
          entityUrl(entity, 'graph', '?window=10m&hops=2'),
        )
      ).body;
      // Callers without mesh identity and restricted peers have no series (the panel says so).
      const charted = (id: string) =>
        !id.startsWith('unknown:') && !id.startsWith('restricted:');
      const edges = graph.edges.filter(
        e => e.protocol !== 'tcp' && charted(e.source) && charted(e.target),
      );
      expect(edges.length).toBeGreaterThan(0);
      const off: string[] = [];
      for (const edge of edges) {
        const body: MeshSeriesResponse = (
          await request(server).get(
            series(entity, `?window=10m&edge=${encodeURIComponent(edge.id)}`),
          )
        ).body;
        const mean = body.rps.reduce((a, b) => a + b, 0) / body.rps.length;
        const errors =
          body.rps.reduce((a, v, i) => a + v * (body.errorRate[i] ?? 0), 0) /
          body.rps.length;
        if (Math.abs(mean - edge.rps) > 0.05 * edge.rps)
          off.push(`${edge.id}: edge ${edge.rps} rps, series ${mean}`);
        if (Math.abs(errors - edge.rps * edge.errorRate) > 0.05 * edge.rps)
          off.push(
            `${edge.id}: edge ${edge.errorRate} errors, series ${
              errors / mean
            }`,
          );
      }
      expect(off).toEqual([]);
    },
  );

  it.each([
    ['', /exactly one of node or edge/],
    ['?node=wl:demo:bookinfo:ratings-v1&edge=x', /exactly one of node or edge/],
    ['?node=%22%7D%20or%20vector(1)', /Invalid node id/],
    ['?node=wl:demo:bookinfo:Ratings', /Invalid node id/],
    ['?edge=wl:demo:a:b->wl:demo:c:d:smtp', /Invalid edge id/],
  ])('answers 400 for %s', async (query, message) => {
    const res = await request(await startMeshBackend()).get(
      series('productpage', query),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it("answers 404 for a node outside the entity's neighbourhood", async () => {
    const res = await request(await startMeshBackend()).get(
      series(
        'details',
        `?node=${encodeURIComponent('wl:demo:online-boutique:paymentservice')}`,
      ),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /is not part of component:default\/details's graph/,
    );
  });
});
