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

// Each series' line up to its value is rendered once: at 5,000 workloads a scrape is ~600,000
// lines (~530 MB), which formatting anew every scrape (~25 s) could not serve within Prometheus'
// scrape timeout. Scrapes are streamed uncompressed (loopback), in chunks.
const lines = formatExposition(
  families.map(f => ({
    ...f,
    name: `${prefix}${f.name}`,
    samples: mesh.series
      .filter(s => s.metric.startsWith(f.name))
      .map(s => ({ name: `${prefix}${s.metric}`, labels: s.labels, value: 0 })),
  })),
)
  .trimEnd()
  .split('\n');
const perUnit: number[] = [];
for (const f of families)
  for (const s of mesh.series)
    if (s.metric.startsWith(f.name)) perUnit.push(s.perUnit);
let sample = 0;
const rendered = lines.map(line =>
  line.startsWith('#')
    ? { text: `${line}\n` }
    : {
        prefix: line.slice(0, line.lastIndexOf(' ') + 1),
        perUnit: perUnit[sample++],
      },
);

const server = http.createServer(async (_req, res) => {
  const integral = curve.integral(Date.now() / 1000);
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
  const CHUNK = 5000;
  for (let i = 0; i < rendered.length; i += CHUNK) {
    let chunk = '';
    for (const line of rendered.slice(i, i + CHUNK))
      chunk +=
        'text' in line
          ? line.text
          : `${line.prefix}${Math.floor(line.perUnit! * integral)}\n`;
    if (!res.write(chunk)) await new Promise(r => res.once('drain', r));
  }
  res.end();
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
