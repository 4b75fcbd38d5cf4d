/*
 * An HTTP server exposing the demo mesh as scrape targets (/metrics for the proxies,
 * /metrics/ztunnel for ztunnel), so a real Prometheus can scrape the demo. Used by integration
 * tests and benchmarks; it listens on loopback only.
 */
import http from 'http';
import { AddressInfo } from 'net';
import { DemoMesh } from './DemoMesh';
import { demoExposition } from './demoExposition';

export interface RunningMetricsServer {
  url: string;
  /** Number of scrapes served, per path. */
  scrapes: Record<string, number>;
  close(): Promise<void>;
}

export async function startDemoMetricsServer(
  mesh: DemoMesh,
  port = 0,
): Promise<RunningMetricsServer> {
  const scrapes: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const target =
      path === '/metrics'
        ? 'proxies'
        : path === '/metrics/ztunnel'
        ? 'ztunnel'
        : undefined;
    if (!target || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    scrapes[path] = (scrapes[path] ?? 0) + 1;
    res.writeHead(200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
    res.end(demoExposition(mesh, target, Date.now() / 1000));
  });
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    scrapes,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
