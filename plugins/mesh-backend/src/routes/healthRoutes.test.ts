import { MeshEntityHealthResponse } from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const item = (h: MeshEntityHealthResponse, kind: string, name: string) =>
  h.items.find(i => i.kind === kind && i.name === name);

describe('GET /entities/by-name/:kind/:namespace/:name/health', () => {
  it("reports reviews' workloads, app and Service with Kiali's rules", async () => {
    const res = await request(await startMeshBackend()).get(
      entityUrl('reviews', 'health'),
    );
    expect(res.status).toBe(200);
    const health: MeshEntityHealthResponse = res.body;
    expect(openApiErrors('EntityHealth', health)).toEqual([]);
    expect(health.windowSeconds).toBe(300);
    expect(
      health.items
        .filter(i => i.kind === 'workload')
        .map(i => i.name)
        .sort(),
    ).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
    // reviews-v2 runs 1 of 2 replicas; reviews-v3 answers 1% HTTP 500.
    expect(item(health, 'workload', 'reviews-v2')).toMatchObject({
      health: {
        status: 'degraded',
        reasons: expect.arrayContaining(['reviews-v2: 1/2 available']),
      },
      replicas: { desired: 2, current: 2, available: 1 },
      dataplane: 'sidecar',
    });
    expect(
      item(health, 'workload', 'reviews-v3')!.health.reasons.join(),
    ).toMatch(
      /1\.0% 5xx on inbound HTTP \(degraded: any 5xx, failure: ≥ 10%\)/,
    );
    expect(item(health, 'workload', 'reviews-v1')!.health.status).toBe(
      'healthy',
    );
    expect(item(health, 'app', 'reviews')!.health.status).toBe('degraded');
    // Reasons shown on a workload row are not repeated on its app row, nor twice overall.
    const workloadReasons = health.items
      .filter(i => i.kind === 'workload')
      .flatMap(i => i.health.reasons);
    for (const reason of item(health, 'app', 'reviews')!.health.reasons)
      expect(workloadReasons).not.toContain(reason);
    expect(health.health.reasons).toContain(
      'Workload reviews-v2: 1/2 available',
    );
    expect(new Set(health.health.reasons).size).toBe(
      health.health.reasons.length,
    );
    expect(
      item(health, 'service', 'reviews')!.requests.inbound.http!['500'],
    ).toBeGreaterThan(0);
    expect(health.health.status).toBe('degraded');
  });

  it('counts requests the fault rule answered for the ratings Service, and applies a configured rule', async () => {
    const byDefault: MeshEntityHealthResponse = (
      await request(await startMeshBackend()).get(
        entityUrl('ratings', 'health'),
      )
    ).body;
    expect(item(byDefault, 'service', 'ratings')!.health.status).toBe(
      'degraded',
    ); // 5% injected 500s
    expect(item(byDefault, 'workload', 'ratings-v1')!.health.status).toBe(
      'healthy',
    ); // it never saw them

    const strict = await startMeshBackend({
      config: {
        mesh: {
          health: {
            rate: [
              {
                namespace: 'bookinfo',
                kind: 'service',
                name: 'ratings',
                tolerances: [{ code: '5XX', degraded: 0, failure: 2 }],
              },
            ],
          },
        },
      },
    });
    const configured: MeshEntityHealthResponse = (
      await request(strict).get(entityUrl('ratings', 'health'))
    ).body;
    expect(item(configured, 'service', 'ratings')!.health.status).toBe(
      'failure',
    );
    expect(configured.health.status).toBe('failure');
  });

  it('validates the window', async () => {
    const res = await request(await startMeshBackend()).get(
      entityUrl('reviews', 'health', '?window=forever'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Invalid window/);
  });
});
