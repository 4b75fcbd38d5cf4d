/*
 * Serves the synthetic mesh as Istio /metrics from its own process, so generating ~100 MB scrapes
 * does not stall the process being measured. Prints its address on stdout.
 */
import http from 'http';
import { AddressInfo } from 'net';
import zlib from 'zlib';
import { LoadCurve } from '../src/sources/demo/traffic/loadCurve';
import { formatExposition, MetricFamily } from '../src/telemetry/exposition';
import { syntheticMesh } from './syntheticMesh';

const [namespaces, perNamespace, edges] = process.argv.slice(2).map(Number);
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

const server = http.createServer((req, res) => {
  const t = Date.now() / 1000;
  const text = formatExposition(
    families.map(f => ({
      ...f,
      samples: mesh.series
        .filter(s => s.metric.startsWith(f.name))
        .map(s => ({
          name: s.metric,
          labels: s.labels,
          value: Math.floor(s.perUnit * curve.integral(t)),
        })),
    })),
  );
  const gzip = /gzip/.test(String(req.headers['accept-encoding']));
  res.writeHead(200, {
    'Content-Type': 'text/plain; version=0.0.4',
    'X-Uncompressed-Bytes': String(text.length),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(gzip ? zlib.gzipSync(text, { level: 1 }) : text);
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
