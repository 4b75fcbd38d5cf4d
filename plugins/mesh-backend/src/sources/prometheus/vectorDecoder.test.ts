/*
 * The decoder of large Prometheus answers (./vectorDecoder) gives on its worker thread, fed as
 * the body arrives, what the event loop gives; against a real Prometheus in
 * latencyQuantiles.prometheus.test.ts.
 */
import { histogramQuantiles } from '../../telemetry/promFunctions';
import { workerThread } from '../workerThread';
import { decodeVector, VectorBody, VectorReduce } from './vectorDecoder';

/**
 * A body decoded as it arrives: in chunks of 16 kB (multi-byte characters cut across them too),
 * waiting when the body asks to (../http/httpJson does the same).
 */
async function decodeArriving(
  text: string,
  reduce: VectorReduce,
  offThreadBytes?: number,
) {
  const bytes = Buffer.from(text);
  const body = new VectorBody(reduce, { offThreadBytes });
  for (let i = 0; i < bytes.length; i += 16_384)
    await body.append(bytes.subarray(i, i + 16_384));
  return body.decoded();
}

/** A vector answer of `edges` edges' duration buckets, as Prometheus writes it. */
function bucketAnswer(edges: number) {
  const bounds = ['5', '10', '25', '50', '100', '+Inf'];
  const result = [];
  for (let e = 0; e < edges; e++)
    for (const [i, le] of bounds.entries())
      result.push({
        metric: {
          le,
          reporter: 'destination',
          source_workload: `client-${e}`,
          source_workload_namespace: 'shop',
          destination_workload: `server-${e % 7}`,
          destination_workload_namespace: 'shop',
          destination_service: `server-${e % 7}.shop.svc.cluster.local`,
          // Multi-byte characters, some of them cut between two blocks.
          team: 'équipe-✓',
        },
        value: [1796370000, String((i + 1) * (1 + (e % 5)))],
      });
  return JSON.stringify({
    status: 'success',
    data: { resultType: 'vector', result },
    warnings: ['a warning'],
  });
}

describe('vectorDecoder', () => {
  const text = bucketAnswer(2000);

  it('decodes a large answer on its worker thread as on the event loop', async () => {
    const here = decodeVector(text, 'samples');
    const before = workerThread.done;
    const there = await decodeArriving(text, 'samples', 0);
    expect(workerThread.done).toBe(before + 1);
    expect(here.ok && here.samples.length).toBe(12_000);
    expect(there).toEqual(here);
  });

  it('reduces buckets to the quantiles of Prometheus semantics there', async () => {
    const here = decodeVector(text, 'samples');
    const there = await decodeArriving(text, 'histogramQuantiles', 0);
    expect(there).toEqual({
      ok: true,
      samples: histogramQuantiles(here.ok ? here.samples : []),
      warnings: ['a warning'],
    });
    expect(there.ok && there.samples.length).toBe(2000 * 3);
  });

  it('keeps small answers on the event loop', async () => {
    const before = workerThread.done;
    await decodeArriving(bucketAnswer(1), 'samples');
    expect(workerThread.done).toBe(before);
  });

  it('says a body is no vector answer, moved or not', async () => {
    for (const body of ['<html>busy</html>', '{"status":"error"}'])
      expect(await decodeArriving(body, 'samples', 0)).toEqual({
        ok: false,
        moved: true,
      });
    expect(decodeVector('{"status":"success","data":{}}', 'samples')).toEqual({
      ok: false,
    });
  });
});
