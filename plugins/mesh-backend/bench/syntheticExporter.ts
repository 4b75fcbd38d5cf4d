/*
 * Serves the synthetic mesh as Istio /metrics from its own process, so generating scrapes of
 * hundreds of MB does not stall the process being measured. Prints its address on stdout.
 */
import http from 'http';
import { AddressInfo } from 'net';
import { LoadCurve } from '../src/sources/demo/traffic/loadCurve';
import { formatExposition, MetricFamily } from '../src/telemetry/exposition';
import { syntheticMesh } from './syntheticMesh';

const [namespaces, perNamespace, edges] = process.argv.slice(2, 5).map(Number);
// `workload:` serves the series as a central Prometheus federating Istio's workload-level
// recording rules receives them (one series per workload pair, as these already are).
const prefix = process.argv[5] ?? '';
const mesh = syntheticMesh(namespaces, perNamespace, edges);
const curve = new LoadCurve(Math.floor(Date.now() / 1000) - 86400, 0);
const families: Array<Omit<MetricFamily, 'samples'>> = [
  { name: 'istio_requests_total', type: 'counter', help: 'Total requests.' },
  {
    name: 'istio_request_duration_milliseconds',
    type: 'histogram',
    help: 'Request duration in milliseconds.',
  },
];

// What the exporter stands for — thousands of sidecars, each serving its own /metrics on its own
// node — runs here on the machine the backend is measured on, so it must cost as little as it
// can: at 5,000 workloads a scrape is ~600,000 lines (~530 MB). Every line is rendered once, into
// blocks of bytes, with a fixed-width field for its value (zero-padded: the text format reads
// `000000000001234` as 1234); a scrape writes each value's digits in place and sends the blocks
// as they are (uncompressed: loopback). Formatting each line anew took the exporter 50–100 % of a
// core for 5–8 s of every 30-s scrape interval, when the backend under test wanted it too.
const perUnit: number[] = [];
for (const f of families)
  for (const s of mesh.series)
    if (s.metric.startsWith(f.name)) perUnit.push(s.perUnit);

/** Digits of a value's field: counters of this mesh stay far below 10^15. */
const WIDTH = 15;
const LINES_PER_BLOCK = 5000;

/** Blocks of rendered lines: where each sample's value field starts, and the block's first sample. */
function renderBlocks() {
  const lines = formatExposition(
    families.map(f => ({
      ...f,
      name: `${prefix}${f.name}`,
      samples: mesh.series
        .filter(s => s.metric.startsWith(f.name))
        .map(s => ({
          name: `${prefix}${s.metric}`,
          labels: s.labels,
          value: 0,
        })),
    })),
  )
    .trimEnd()
    .split('\n');
  const blocks: Array<{ bytes: Buffer; fields: number[]; first: number }> = [];
  let sample = 0;
  for (let i = 0; i < lines.length; i += LINES_PER_BLOCK) {
    const parts: string[] = [];
    const fields: number[] = [];
    const first = sample;
    let at = 0;
    for (const line of lines.slice(i, i + LINES_PER_BLOCK)) {
      const text = line.startsWith('#')
        ? `${line}\n`
        : `${line.slice(0, line.lastIndexOf(' ') + 1)}${'0'.repeat(WIDTH)}\n`;
      if (!line.startsWith('#')) {
        fields.push(at + Buffer.byteLength(text) - WIDTH - 1);
        sample++;
      }
      at += Buffer.byteLength(text);
      parts.push(text);
    }
    blocks.push({ bytes: Buffer.from(parts.join('')), fields, first });
  }
  return blocks;
}
const blocks = renderBlocks();

/** Writes `value` into `bytes` at `at` as WIDTH zero-padded digits. */
function writeDigits(bytes: Buffer, at: number, value: number) {
  let rest = Math.floor(value);
  for (let d = at + WIDTH - 1; d >= at; d--) {
    bytes[d] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
}

/**
 * Resolves on `event` or on the response's close (a scrape Prometheus gave up on), and takes
 * both listeners off again: a scrape waits for many drains, and their close listeners would pile
 * up on the response (Node's MaxListenersExceededWarning).
 */
const eventOrClose = (res: http.ServerResponse, event: string) =>
  new Promise<void>(resolve => {
    const done = () => {
      res.off(event, done);
      res.off('close', done);
      resolve();
    };
    res.on(event, done);
    res.on('close', done);
  });

/**
 * Scrapes one after the other, each to its end (its bytes handed to the socket) or its close:
 * the blocks are written in place for each.
 */
let lastScrape: Promise<void> = Promise.resolve();
const server = http.createServer((_req, res) => {
  lastScrape = lastScrape.then(async () => {
    const integral = curve.integral(Date.now() / 1000);
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    for (const { bytes, fields, first } of blocks) {
      if (res.destroyed) return;
      for (let i = 0; i < fields.length; i++)
        writeDigits(bytes, fields[i], perUnit[first + i] * integral);
      if (!res.write(bytes)) await eventOrClose(res, 'drain');
    }
    const finished = eventOrClose(res, 'finish');
    res.end();
    await finished;
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(
    JSON.stringify({
      address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
      series: mesh.series.length,
      edges: mesh.edges,
    }),
  );
});
