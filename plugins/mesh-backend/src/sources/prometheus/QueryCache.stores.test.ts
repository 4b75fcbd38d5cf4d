/*
 * The query cache never answers one store with another store's data (issue 13, finding 1): two
 * stores on the same host with different path prefixes, or the same URL with different tenant
 * headers or credentials, are different caches. Real HTTP between the client and two local
 * stand-ins for a Prometheus-API store (each answers with a label naming what it was asked as);
 * Backstage's cache is a Map-backed double so the keys it receives can be inspected.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { startTestServer, TestServer } from '../../__testUtils__/httpServer';
import { PrometheusClient, PrometheusClientOptions } from './PrometheusClient';
import { CachedPrometheus } from './QueryCache';

let store: TestServer;
beforeAll(async () => {
  // One server stands for every tenant and path: it answers with who asked, as Mimir would answer
  // with that tenant's series.
  store = await startTestServer((req, res) => {
    const who = `${req.url}|${req.headers['x-scope-orgid'] ?? ''}|${
      req.headers.authorization ?? ''
    }`;
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: { who }, value: [0, '1'] }],
        },
      }),
    );
  });
});
afterAll(() => store.close());

function sharedCache() {
  const entries = new Map<string, unknown>();
  const cache = mockServices.cache.mock({
    get: async (key: string) => entries.get(key) as any,
    set: async (key: string, value: any) => void entries.set(key, value),
    delete: async (key: string) => void entries.delete(key),
  });
  return { cache, entries };
}

async function whoAnswered(
  stores: PrometheusClientOptions[],
): Promise<{ answers: string[]; keys: string[] }> {
  const { cache, entries } = sharedCache();
  const t = new Date(1_700_000_000_000);
  const answers: string[] = [];
  for (const options of stores) {
    const prometheus = new CachedPrometheus(
      new PrometheusClient(options),
      cache,
    );
    const { samples } = await prometheus.query('up', t, 60_000);
    answers.push(samples[0].labels.who);
  }
  return { answers, keys: [...entries.keys()] };
}

describe('CachedPrometheus across stores', () => {
  it('keeps stores on one host with different path prefixes apart', async () => {
    const { answers } = await whoAnswered([
      { url: `${store.url}/east/prometheus` },
      { url: `${store.url}/west/prometheus` },
    ]);
    expect(answers[0]).toMatch(/^\/east\/prometheus\/api\/v1\/query\|/);
    expect(answers[1]).toMatch(/^\/west\/prometheus\/api\/v1\/query\|/);
  });

  it('keeps tenants of one URL apart (X-Scope-OrgID)', async () => {
    const { answers } = await whoAnswered([
      { url: store.url, headers: { 'X-Scope-OrgID': 'team-a' } },
      { url: store.url, headers: { 'X-Scope-OrgID': 'team-b' } },
    ]);
    expect(answers.map(a => a.split('|')[1])).toEqual(['team-a', 'team-b']);
  });

  it('keeps credentials apart, and never puts them in a cache key in clear', async () => {
    const { answers, keys } = await whoAnswered([
      { url: store.url, bearerToken: 'token-of-alpha-SECRET' },
      { url: store.url, basicAuth: { username: 'b', password: 'pw-SECRET' } },
    ]);
    expect(answers[0]).toMatch(/Bearer token-of-alpha-SECRET$/);
    expect(answers[1]).toMatch(/^.*\|\|Basic /);
    expect(keys).toHaveLength(2);
    expect(keys.join('\n')).not.toMatch(/SECRET|team|Basic|Bearer/);
  });

  it('still shares the cache between clients of the very same store', async () => {
    const before = store.requests.length;
    const { answers, keys } = await whoAnswered([
      { url: store.url, headers: { 'X-Scope-OrgID': 'same' } },
      { url: store.url, headers: { 'X-Scope-OrgID': 'same' } },
    ]);
    expect(answers[0]).toBe(answers[1]);
    expect(keys).toHaveLength(1);
    expect(store.requests.length - before).toBe(1);
  });
});
