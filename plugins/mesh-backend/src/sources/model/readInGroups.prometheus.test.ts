/*
 * A mesh-wide read too large for the store is read in namespace groups: a real Prometheus
 * scraping the demo mesh, read through a client whose response limit (maxResponseBytes) is
 * smaller than the mesh-wide answers and larger than any one namespace's. The grouped read must
 * equal the unlimited mesh-wide read at the same evaluation time.
 */
import {
  describeWithPrometheus,
  RunningPrometheus,
  startDemoPrometheus,
} from '../../__testUtils__/prometheus';
import { TrafficSnapshot } from '../types';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import {
  latencyForm,
  PrometheusTelemetrySource,
} from '../prometheus/PrometheusTelemetrySource';
import { CachedPrometheus } from '../prometheus/QueryCache';
import { readInGroups } from './readInGroups';
import { samplesOf } from '../sampleList';

const WINDOW = 60;

const store = (url: string, maxResponseBytes?: number) =>
  new PrometheusTelemetrySource(
    new CachedPrometheus(
      new PrometheusClient({
        url,
        ...(maxResponseBytes ? { maxResponseBytes } : {}),
      }),
    ),
    { clusters: ['demo'] },
  );

/** Bytes of Prometheus' answer to one query. */
async function answerBytes(url: string, promql: string, time: Date) {
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST',
    body: new URLSearchParams({
      query: promql,
      time: String(time.getTime() / 1000),
    }),
  });
  return (await res.text()).length;
}

const sorted = (snapshot: TrafficSnapshot) =>
  Object.fromEntries(
    (Object.keys(snapshot) as Array<keyof TrafficSnapshot>).map(part => [
      part,
      samplesOf(snapshot[part])
        .map(s => JSON.stringify(s))
        .sort(),
    ]),
  );

describeWithPrometheus('a model refresh too large for the store', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startDemoPrometheus(1, 5);
  }, 60_000);
  afterAll(() => prometheus?.stop());

  it('is read in namespace groups, with the same result as one mesh-wide read', async () => {
    const time = new Date(Date.now() - 1000);
    const unlimited = store(prometheus.url);
    const namespaces = await unlimited.sourceNamespaces(time);
    expect(namespaces.length).toBeGreaterThan(2);

    // The limit: above every single namespace's answers, below the mesh-wide ones.
    const sizes = async (ns?: string[]) =>
      Promise.all(
        Object.values(
          PrometheusTelemetrySource.queries(
            {
              windowSeconds: WINDOW,
              ...(ns ? { sourceNamespaces: { in: ns } } : {}),
            },
            undefined,
            latencyForm({ exact: true }),
          ),
        ).map(q => answerBytes(prometheus.url, q, time)),
      );
    const whole = Math.max(...(await sizes()));
    const largestNamespace = Math.max(
      ...(await Promise.all(namespaces.map(ns => sizes([ns])))).flat(),
    );
    expect(largestNamespace).toBeLessThan(whole);
    const limit = Math.floor((largestNamespace + whole) / 2);

    const expected = await unlimited.getTraffic(
      { windowSeconds: WINDOW, time },
      { exact: true },
    );
    expect(expected.errors).toEqual([]);
    const limited = store(prometheus.url, limit);
    const refused = await limited.getTraffic(
      { windowSeconds: WINDOW, time },
      { exact: true },
    );
    expect(refused.errors.map(e => e.message).join()).toMatch(/byte limit/);

    const grouped = await readInGroups(limited, {
      windowSeconds: WINDOW,
      time,
    });
    expect(grouped.errors).toEqual([]);
    expect(grouped.parts).toBeGreaterThan(2);
    expect(sorted(grouped.value)).toEqual(sorted(expected.value));

    // The next refresh starts from the groups that fitted: no mesh-wide read, no refused part.
    const reads: Array<{ refused: boolean; wholeMesh: boolean }> = [];
    const counting = {
      sourceNamespaces: (at: Date) => limited.sourceNamespaces(at),
      getTraffic: async (
        q: Parameters<typeof limited.getTraffic>[0],
        o: { exact: boolean },
      ) => {
        const result = await limited.getTraffic(q, o);
        reads.push({
          refused: result.errors.length > 0,
          wholeMesh: !q.sourceNamespaces,
        });
        return result;
      },
    };
    const again = await readInGroups(
      counting,
      { windowSeconds: WINDOW, time },
      grouped.groups,
    );
    expect(reads).toEqual(
      Array(grouped.parts).fill({ refused: false, wholeMesh: false }),
    );
    expect(sorted(again.value)).toEqual(sorted(expected.value));
    expect(again.groups).toEqual(grouped.groups);
  });
});
