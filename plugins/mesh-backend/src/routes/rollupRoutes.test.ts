import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MeshInsightsResponse,
  MeshOverviewResponse,
  MeshTeamResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { startMeshBackend } from '../__testUtils__/testBackend';

describe('team and overview routes', () => {
  it("lists a Group's components with traffic and draws them against other teams", async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/entities/by-name/group/default/bookinfo-team/team?window=10m',
    );
    expect(res.status).toBe(200);
    const team: MeshTeamResponse = res.body;
    expect(openApiErrors('Team', team)).toEqual([]);
    expect(team.components.map(c => c.name).sort()).toEqual([
      'details',
      'productpage',
      'ratings',
      'reviews',
    ]);
    const reviews = team.components.find(c => c.name === 'reviews')!;
    expect(reviews).toMatchObject({
      workloads: 3,
      meshedWorkloads: 3,
      health: 'degraded',
      owner: 'group:default/bookinfo-team',
      system: 'system:default/bookinfo',
    });
    expect(reviews.rpsIn).toBeGreaterThan(10);
    expect(reviews.mtlsIn).toBe(1);
    expect(
      team.graph.nodes
        .filter(n => n.type === 'entity')
        .map(n => n.name)
        .sort(),
    ).toEqual(['details', 'productpage', 'ratings', 'reviews']);
    // The ingress gateway belongs to no entity: it stays as it is, calling productpage.
    expect(team.graph.edges.map(e => `${e.source}->${e.target}`)).toContain(
      'wl:demo:istio-system:istio-ingressgateway->entity:component:default/productpage',
    );
  });

  it('includes the components of sub-groups', async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/entities/by-name/group/default/shop-engineering/team',
    );
    expect(res.status).toBe(200);
    // 33 services (Travels' 3 included), less redis-cart, which is a Resource (issue 16).
    expect((res.body as MeshTeamResponse).components).toHaveLength(32);
    expect((res.body as MeshTeamResponse).groups).toEqual(
      expect.arrayContaining([
        'group:default/sock-shop-team',
        'group:default/boutique-team',
      ]),
    );
  });

  it('refuses the team view for other kinds', async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/entities/by-name/component/default/reviews/team',
    );
    expect(res.status).toBe(400);
  });

  it('gives the catalog-wide overview with the entity graph', async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/overview',
    );
    expect(res.status).toBe(200);
    const overview: MeshOverviewResponse = res.body;
    expect(openApiErrors('Overview', overview)).toEqual([]);
    expect(overview.summary).toMatchObject({ entities: 33 });
    expect(overview.summary.meshedWorkloads).toBe(
      overview.summary.workloads - 1,
    ); // the load generator
    expect(overview.summary.mtlsRequests!).toBeGreaterThan(0.8);
    expect(overview.summary.mtlsRequests!).toBeLessThan(1); // the plain-text load generator
    expect(overview.summary.mtlsTcp).toBe(1);
    const byName = new Map(overview.graph.nodes.map(n => [n.name, n]));
    expect(byName.get('checkoutservice')).toMatchObject({
      type: 'entity',
      owner: 'group:default/boutique-team',
      system: 'system:default/online-boutique',
    });
  });

  it('ranks the demo entities that stand out, each with its owner, against the previous window', async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/insights?window=5m&limit=3',
    );
    expect(res.status).toBe(200);
    const insights: MeshInsightsResponse = res.body;
    expect(openApiErrors('Insights', insights)).toEqual([]);
    expect(insights.windowSeconds).toBe(300);
    expect(
      Date.parse(insights.timestamp) - Date.parse(insights.previousTimestamp),
    ).toBe(300_000);
    // The demo's errors: ratings' 5% injected faults, payment and ad services' gRPC errors.
    const errorRefs = insights.errorRate.map(r => r.entityRef);
    expect(errorRefs.length).toBe(3);
    expect(
      errorRefs.some(ref =>
        ['ratings', 'paymentservice', 'adservice'].includes(ref.split('/')[1]),
      ),
    ).toBe(true);
    for (const list of [insights.errorRate, insights.latency])
      for (let i = 1; i < list.length; i++)
        expect(list[i - 1].value).toBeGreaterThanOrEqual(list[i].value);
    expect(insights.latency.length).toBe(3);
    expect(insights.latency.every(r => r.owner?.startsWith('group:'))).toBe(
      true,
    );
    // The demo's load follows a curve, so traffic differs between two windows.
    expect(insights.trafficChange.length).toBeGreaterThan(0);
    expect(insights.trafficChange[0].previous).not.toBeNull();

    const bad = await request(await startMeshBackend()).get(
      '/api/mesh/insights?limit=0',
    );
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      expect.stringContaining('limit must be at least 1'),
    ]);
  });

  it('needs mesh.overview.read', async () => {
    const res = await request(
      await startMeshBackend({ permission: AuthorizeResult.DENY }),
    ).get('/api/mesh/overview');
    expect(res.status).toBe(403);
  });
});
