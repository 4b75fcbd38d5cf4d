/*
 * The shared cache stays bounded however many distinct windows callers ask for (issue 13,
 * finding 5): Backstage's in-memory store only drops an expired entry when it is read again, and
 * a window nobody asks for twice never is. Test doubles: a counting stand-in for PrometheusClient
 * and a Map-backed CacheService (which, like the in-memory store, never expires on its own).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusTelemetrySource } from './PrometheusTelemetrySource';
import { CachedPrometheus, SHARED_CACHE_ENTRIES } from './QueryCache';

it('holds at most SHARED_CACHE_ENTRIES entries after 2,000 distinct windows', async () => {
  const entries = new Map<string, unknown>();
  const cache = mockServices.cache.mock({
    get: async (key: string) => entries.get(key) as any,
    set: async (key: string, value: any) => void entries.set(key, value),
    delete: async (key: string) => void entries.delete(key),
  });
  let sent = 0;
  const client = {
    displayUrl: 'http://prometheus:9090',
    cacheIdentity: 'prometheus-under-test',
    query: async () => {
      sent++;
      return { samples: [], warnings: [] };
    },
  } as unknown as PrometheusClient;
  const source = new PrometheusTelemetrySource(
    new CachedPrometheus(client, cache),
    {
      clusters: ['c'],
    },
  );
  const time = new Date(1_700_000_000_000);
  for (let window = 30; window < 30 + 2000; window++)
    await source.getTraffic({
      windowSeconds: window,
      time,
      withoutLatency: true,
    });
  expect(sent).toBe(2000 * 3);
  expect(SHARED_CACHE_ENTRIES).toBeLessThan(2000);
  expect(entries.size).toBeLessThanOrEqual(SHARED_CACHE_ENTRIES);
  // The most recent windows are still cached.
  await source.getTraffic({ windowSeconds: 2029, time, withoutLatency: true });
  expect(sent).toBe(2000 * 3);
});
