/* The ranking of overview insights, on hand-made overview rows (the route test runs the demo). */
import { MeshEntityTraffic } from '@mesh-portal/plugin-mesh-common';
import { rankInsights } from './insights';

function entity(
  name: string,
  figures: Partial<MeshEntityTraffic> = {},
): MeshEntityTraffic {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    name,
    owner: `group:default/${name}-team`,
    clusters: ['east'],
    namespaces: ['shop'],
    workloads: 1,
    meshedWorkloads: 1,
    health: 'healthy',
    rpsIn: 10,
    rpsOut: 0,
    errorRateIn: 0,
    p95In: 20,
    mtlsIn: 1,
    ...figures,
  };
}

describe('rankInsights', () => {
  it('ranks error rate and p95 highest first, with the previous window and the owner', () => {
    const now = [
      entity('a', { errorRateIn: 0.02, p95In: 50 }),
      entity('b', { errorRateIn: 0.1, p95In: null }),
      entity('c', { errorRateIn: 0, p95In: 300 }),
      entity('idle', { rpsIn: 0, errorRateIn: null, p95In: null }),
    ];
    const before = [entity('a', { errorRateIn: 0.01, p95In: 40 })];
    const { errorRate, latency } = rankInsights(now, before, 5);
    expect(errorRate.map(r => [r.entityRef, r.value, r.previous])).toEqual([
      ['component:default/b', 0.1, null],
      ['component:default/a', 0.02, 0.01],
    ]);
    expect(errorRate[0].owner).toBe('group:default/b-team');
    expect(latency.map(r => [r.entityRef, r.value, r.previous])).toEqual([
      ['component:default/c', 300, null],
      ['component:default/a', 50, 40],
    ]);
  });

  it('ranks traffic change by size either way, counting entities that went quiet, and cuts at the limit', () => {
    const now = [
      entity('steady'),
      entity('up', { rpsIn: 30, rpsOut: 5 }),
      entity('down', { rpsIn: 2 }),
      entity('new', { rpsIn: 1 }),
    ];
    const before = [
      entity('steady'),
      entity('up', { rpsIn: 10, rpsOut: 5 }),
      entity('down', { rpsIn: 10 }),
      entity('gone', { rpsIn: 12 }),
    ];
    const { trafficChange } = rankInsights(now, before, 3);
    expect(trafficChange.map(r => [r.entityRef, r.value, r.previous])).toEqual([
      ['component:default/up', 35, 15],
      ['component:default/gone', 0, 12],
      ['component:default/down', 2, 10],
    ]);
  });
});
