/*
 * Coalescing and caching bounds: one query per distinct PromQL and time step however many callers,
 * and one cache entry per distinct PromQL however many time steps pass. Test doubles: a counting
 * stand-in for PrometheusClient and Backstage's in-memory cache mock.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { PrometheusClient } from './PrometheusClient';
import { CachedPrometheus } from './QueryCache';

function countingClient() {
  const sent: string[] = [];
  const client = {
    displayUrl: 'http://prometheus:9090',
    query: async (promql: string, time: Date) => {
      sent.push(`${promql}@${time.getTime()}`);
      await new Promise(r => setTimeout(r, 5));
      return {
        samples: [{ labels: { at: String(time.getTime()) }, value: 1 }],
        warnings: [],
      };
    },
  };
  return { client: client as unknown as PrometheusClient, sent };
}

describe('CachedPrometheus', () => {
  it('sends each query once per time step, for 50 concurrent callers and for later ones', async () => {
    const { client, sent } = countingClient();
    const prometheus = new CachedPrometheus(client, mockServices.cache.mock());
    const t = new Date(1_700_000_000_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => prometheus.query('up', t, 60_000)),
    );
    expect(new Set(results).size).toBe(1);
    await prometheus.query('up', t, 60_000);
    expect(sent).toEqual([`up@${t.getTime()}`]);
    expect(prometheus.stats).toEqual({ sent: 1, coalesced: 49, cached: 1 });
  });

  it('keeps one cache entry per query across time steps, and never answers a step with another step', async () => {
    const { client, sent } = countingClient();
    const keys = new Set<string>();
    const store = new Map<string, unknown>();
    const cache = mockServices.cache.mock({
      get: async (key: string) => store.get(key) as any,
      set: async (key: string, value: any) =>
        void (keys.add(key), store.set(key, value)),
    });
    const prometheus = new CachedPrometheus(client, cache);
    for (let step = 0; step < 20; step++) {
      const t = new Date(1_700_000_000_000 + step * 5000);
      for (const promql of ['up', 'sum(up)']) {
        const { samples } = await prometheus.query(promql, t, 60_000);
        expect(samples[0].labels.at).toBe(String(t.getTime()));
      }
    }
    expect(sent).toHaveLength(40);
    expect(keys.size).toBe(2);
  });
});
