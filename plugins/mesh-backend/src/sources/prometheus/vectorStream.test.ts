/*
 * The streamed decoder (./vectorStream) gives what ./decodeVector gives for the whole text,
 * however the bytes are cut: answers as Prometheus writes them, with escapes, multi-byte
 * characters, whitespace, the envelope's keys in any order; and refuses what decodeVector refuses.
 * Against a real Prometheus in latencyQuantiles.prometheus.test.ts.
 */
import { decodeVector, VectorReduce } from './decodeVector';
import { unpackSamples } from './packedSamples';
import { ReducedVectorStream } from './vectorStream';

async function streamed(
  text: string,
  reduce: VectorReduce,
  chunkBytes: number,
) {
  const bytes = Buffer.from(text);
  const stream = new ReducedVectorStream(reduce);
  for (let i = 0; i < bytes.length; i += chunkBytes)
    // Each chunk in a buffer of its own, as the worker receives them.
    stream.push(new Uint8Array(bytes.subarray(i, i + chunkBytes)));
  const decoded = stream.end();
  return decoded.ok
    ? {
        ok: true,
        samples: await unpackSamples(decoded.packed),
        warnings: decoded.warnings,
      }
    : decoded;
}

const labels = (e: number, le: string) => ({
  le,
  reporter: e % 2 ? 'source' : 'destination',
  source_workload: `client-${e}`,
  source_workload_namespace: 'shop',
  destination_workload: `server-${e % 3}`,
  destination_service: `server-${e % 3}.shop.svc.cluster.local`,
  // Everything the scanner must not take for structure, and characters cut between chunks.
  team: 'équipe-✓ "{x}" [a,b] \\ \n 🚀',
  // An odd number of quotes: a scanner that misses an escape ends the item at the brace.
  note: 'say "hi} there\\',
});

function answer(
  edges: number,
  shape: (json: object) => string = JSON.stringify,
) {
  const result = [];
  for (let e = 0; e < edges; e++)
    for (const [i, le] of ['5', '10', '25.0', '+Inf'].entries())
      result.push({
        metric: labels(e, le),
        value: [1796370000.123, String((i + 1) * (1 + (e % 5)))],
      });
  // Not a series: skipped by both.
  result.push({ metric: labels(0, '5'), value: [1, 'NaN'] });
  return shape({
    status: 'success',
    data: { resultType: 'vector', result },
    warnings: ['a warning'],
  });
}

describe('VectorStream', () => {
  const whole = answer(300);
  const pretty = answer(20, json => JSON.stringify(json, null, 2));
  // Another store's key order: warnings first, then data with resultType after the result.
  const reordered = answer(20, (json: any) =>
    JSON.stringify({
      warnings: json.warnings,
      data: { result: json.data.result, resultType: 'vector' },
      status: 'success',
    }),
  );

  it.each([1, 7, 333, 65_536])(
    'decodes as the whole text decodes, in chunks of %i bytes',
    async chunkBytes => {
      for (const text of [whole, pretty, reordered])
        for (const reduce of ['samples', 'histogramQuantiles'] as const)
          expect(await streamed(text, reduce, chunkBytes)).toEqual(
            decodeVector(text, reduce),
          );
      const decoded = await streamed(whole, 'samples', chunkBytes);
      expect(decoded.ok && decoded.samples).toHaveLength(1200);
      expect(decoded.ok && decoded.samples[0].labels.team).toBe(
        labels(0, '5').team,
      );
    },
  );

  it('decodes items as the whole text decodes whatever their layout: value first, labels holding "]}", a native histogram', async () => {
    const item = (i: number) => ({ ...labels(i, '5'), odd: 'a]}b"value":[' });
    const text = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: item(1), value: [1, '2'] },
          { value: [1, '3'], metric: { ...item(2), closing: ']}' } },
          // No value (a native histogram's sample): skipped by both.
          {
            metric: { ...item(3), le: '10' },
            histogram: [1, { count: '2', sum: '3', buckets: [] }],
          },
          { metric: item(4), value: [1, '4'] },
        ],
      },
    });
    for (const chunkBytes of [1, 7, 50, 65_536])
      for (const reduce of ['samples', 'histogramQuantiles'] as const)
        expect(await streamed(text, reduce, chunkBytes)).toEqual(
          decodeVector(text, reduce),
        );
    const decoded = await streamed(text, 'samples', 65_536);
    expect(decoded.ok && decoded.samples.map(x => x.value)).toEqual([2, 3, 4]);
  });

  it('reduces buckets to one set of quantiles per histogram', async () => {
    const decoded = await streamed(whole, 'histogramQuantiles', 4096);
    expect(decoded.ok && decoded.samples).toHaveLength(300 * 3);
  });

  it('refuses what is not a successful vector answer, as the whole-text decoder does', async () => {
    const bodies = [
      '{"status":"error","errorType":"timeout","error":"query timed out"}',
      '{"status":"success","data":{"resultType":"matrix","result":[]}}',
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{}',
      `${whole.slice(0, whole.length / 2)}`,
      `${whole}garbage`,
      '<html>busy</html>',
    ];
    for (const body of bodies) {
      expect(await streamed(body, 'samples', 100)).toEqual({ ok: false });
      expect(decodeVector(body, 'samples')).toEqual({ ok: false });
    }
    // A result item that is no object (none of the stores writes one) refuses the answer here.
    expect(
      await streamed(
        '{"status":"success","data":{"resultType":"vector","result":[42]}}',
        'samples',
        5,
      ),
    ).toEqual({ ok: false });
    expect(
      await streamed(
        '{"status":"success","data":{"resultType":"vector","result":[]}}',
        'samples',
        5,
      ),
    ).toEqual({ ok: true, samples: [], warnings: [] });
  });
});
