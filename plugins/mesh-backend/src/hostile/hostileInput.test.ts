/*
 * The hostile-input corpus (./__testUtils__/corpus) against the running router, with every data source a
 * recording HTTP double (./meshEnvironment): each case must get its 4xx with a clear message,
 * never a 5xx; a rejected request must not reach Prometheus or the trace backend at all; and no
 * request to any data source — Kubernetes API included — may contain the raw hostile value.
 */
import request from 'supertest';
import { TestServer } from '../__testUtils__/httpServer';
import { CORPUS } from './__testUtils__/corpus';
import {
  MeshEnvironment,
  startMeshEnvironment,
} from './__testUtils__/meshEnvironment';

let env: MeshEnvironment;
beforeAll(async () => {
  env = await startMeshEnvironment({ tracing: 'tempo' });
  // Warm up: the first request waits for the cluster's first sync.
  const warm = await request(env.server).get(
    '/api/mesh/entities/by-name/component/default/web/graph',
  );
  if (warm.status !== 200)
    throw new Error(`the environment is not ready: ${warm.status}`);
}, 60_000);
afterAll(() => env?.close());

const seen = (server: TestServer, from: number) =>
  server.requests.slice(from).map(r => {
    const text = `${r.url ?? ''}\n${r.body}`;
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  });

describe('hostile and malformed input', () => {
  it('has a corpus of at least 50 cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CORPUS.map(k => k.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map(k => [k.name, k] as const))('%s', async (_name, k) => {
    const before = {
      prometheus: env.prometheus.requests.length,
      tracing: env.tracing.requests.length,
    };
    const res = await request(env.server).get(`/api/mesh${k.path}`);
    expect({ status: res.status, message: res.body?.error?.message }).toEqual({
      status: k.status,
      message: expect.stringMatching(k.message),
    });
    const asked = [
      ...seen(env.prometheus, before.prometheus),
      ...seen(env.tracing, before.tracing),
    ];
    // Refused before any data source was asked — except a valid name that is simply not found.
    expect(k.status === 404 ? [] : asked).toEqual([]);
    expect(asked.filter(text => k.raw && text.includes(k.raw))).toEqual([]);
  });

  it('never sent a raw hostile value to the Kubernetes API', () => {
    const requests = env.kube.requests.map(r => decodeURIComponent(r));
    expect(requests.length).toBeGreaterThan(0);
    for (const raw of CORPUS.flatMap(k => (k.raw ? [k.raw] : [])))
      for (const line of requests) expect(line).not.toContain(raw);
  });
});
