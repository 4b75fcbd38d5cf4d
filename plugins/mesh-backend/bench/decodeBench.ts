/*
 * npm run bench:decode: what decoding the mesh model's largest Prometheus answer costs — the
 * latency read's duration buckets at BENCH_EDGES edges (25,000: ~316 MB of JSON, 20 buckets per
 * edge, labels as Istio's recording rules give them) — parsed whole (../src/sources/prometheus/
 * decodeVector, what the worker did before) against item by item as the bytes arrive in 1 MB
 * blocks (vectorStream, what it does now). Each way runs in a process of its own (this file,
 * forked), on the calling thread (the worker's work without the worker), and prints its time, its
 * heap and RSS growth sampled during the decode (garbage included: what the process must hold
 * besides the answer's own bytes). Then the same answer read over HTTP by the plugin's client,
 * gzip against uncompressed, through the event loop against by the worker (./decodeOverHttp). The figures go last as one JSON line.
 */
import { decodeVector } from '../src/sources/prometheus/decodeVector';
import { packSamples } from '../src/sources/prometheus/packedSamples';
import { ReducedVectorStream } from '../src/sources/prometheus/vectorStream';
import {
  Encoding,
  forkedAnswer,
  Reader,
  readOverHttp,
  serveAnswer,
} from './decodeOverHttp';

const EDGES = Number(process.env.BENCH_EDGES ?? 25_000);
const BOUNDS = [
  ...['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000'],
  ...['2500', '5000', '10000', '30000', '60000', '300000', '600000'],
  ...['1800000', '3600000', '+Inf'],
];
const MB = 1e6;

function bucketAnswer(edges: number): Buffer {
  const items: string[] = [];
  for (let e = 0; e < edges; e++) {
    const [src, dst] = [(e * 7) % edges, e % edges];
    const side = (w: number, kind: string) => ({
      [`${kind}_canonical_revision`]: 'v1',
      [`${kind}_canonical_service`]: `svc-${w}`,
      [`${kind}_cluster`]: 'bench',
      [`${kind}_workload`]: `wl-${w}`,
      [`${kind}_workload_namespace`]: `ns-${w % 500}`,
    });
    for (const [i, le] of BOUNDS.entries())
      items.push(
        JSON.stringify({
          metric: {
            ...side(src, 'source'),
            ...side(dst, 'destination'),
            destination_service: `svc-${dst}.ns-${dst % 500}.svc.cluster.local`,
            destination_service_name: `svc-${dst}`,
            destination_service_namespace: `ns-${dst % 500}`,
            le,
            reporter: 'destination',
            request_protocol: 'http',
          },
          value: [1796370000.123, String(i * 0.01 * (1 + (e % 5)))],
        }),
      );
  }
  return Buffer.from(
    `{"status":"success","data":{"resultType":"vector","result":[${items.join(
      ',',
    )}]}}`,
  );
}

function measure(way: 'whole' | 'arriving') {
  const bytes = bucketAnswer(EDGES);
  global.gc?.();
  const heapBase = process.memoryUsage().heapUsed;
  const rssBase = process.memoryUsage().rss;
  let heapPeak = 0;
  let rssPeak = 0;
  const probe = () => {
    const { heapUsed, rss } = process.memoryUsage();
    heapPeak = Math.max(heapPeak, heapUsed - heapBase);
    rssPeak = Math.max(rssPeak, rss - rssBase);
  };
  const start = performance.now();
  let quantiles: number;
  if (way === 'whole') {
    const decoded = decodeVector(bytes.toString(), 'histogramQuantiles');
    probe();
    quantiles = decoded.ok ? packSamples(decoded.samples).values.length : -1;
  } else {
    const stream = new ReducedVectorStream('histogramQuantiles');
    for (let at = 0; at < bytes.length; at += MB) {
      stream.push(new Uint8Array(bytes.subarray(at, at + MB)));
      probe();
    }
    const decoded = stream.end();
    probe();
    quantiles = decoded.ok ? decoded.packed.values.length : -1;
  }
  return {
    way,
    answerMB: Math.round(bytes.length / MB),
    quantiles,
    ms: Math.round(performance.now() - start),
    heapGrowthMB: Math.round(heapPeak / MB),
    rssGrowthMB: Math.round(rssPeak / MB),
  };
}

const [way, port, reader] = process.argv.slice(2);
if (way === 'whole' || way === 'arriving') {
  process.send!(measure(way));
  process.disconnect?.();
} else if (way === 'serve') {
  serveAnswer(bucketAnswer(EDGES)).then(p => process.send!({ port: p }));
} else if (way === 'gzip' || way === 'identity') {
  readOverHttp(Number(port), way, reader as Reader).then(figures => {
    process.send!(figures);
    process.disconnect?.();
  });
} else {
  (async () => {
    const figures = [];
    for (const w of ['whole', 'arriving']) {
      const { answer } = await forkedAnswer<object>(__filename, [w], 'way');
      console.log(answer);
      figures.push(answer);
    }
    const server = await forkedAnswer<{ port: number }>(
      __filename,
      ['serve'],
      'port',
    );
    const overHttp = [];
    try {
      for (const encoding of ['gzip', 'identity'] as Encoding[])
        for (const by of ['eventLoop', 'worker'] as Reader[]) {
          const { answer } = await forkedAnswer<object>(
            __filename,
            [encoding, String(server.answer.port), by],
            'encoding',
          );
          console.log(answer);
          overHttp.push(answer);
        }
    } finally {
      server.stop();
    }
    console.log(JSON.stringify({ edges: EDGES, figures, overHttp }));
  })().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
