import { MeshSeriesResponse } from '@mesh-portal/plugin-mesh-common';
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

  it('charts a Service node: served requests as the servers saw them, the injected fault as the clients did', async () => {
    const res = await request(await startMeshBackend()).get(
      series(
        'reviews',
        `?node=${encodeURIComponent('svc:demo:bookinfo:ratings')}`,
      ),
    );
    expect(res.status).toBe(200);
    const body: MeshSeriesResponse = res.body;
    expect(body.reporter).toBe('mixed');
    body.timestamps.forEach((_, i) =>
      expect(body.responses['500'][i] / body.rps[i]).toBeCloseTo(0.05, 2),
    );
  });

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
