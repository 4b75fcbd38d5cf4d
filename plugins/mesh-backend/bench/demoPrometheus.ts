/*
 * A real Prometheus (Debian package) scraping the embedded demo mesh's /metrics, as a process of its
 * own for benchmarks of other packages (packages/backend's `npm run bench:load`):
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/demoPrometheus.ts [scrapeSeconds]
 * prints `{"url": …}` on one line once Prometheus holds a few scrapes, and stops both on SIGTERM.
 */
import { DemoMesh } from '../src/sources/demo/DemoMesh';
import { startDemoMetricsServer } from '../src/sources/demo/DemoMetricsServer';
import {
  prometheusBinary,
  startPrometheus,
  waitForData,
} from '../src/__testUtils__/prometheus';

async function main() {
  if (!prometheusBinary())
    throw new Error(
      'No prometheus binary: apt-get install prometheus (scripts/bench.sh installs it)',
    );
  const scrapeSeconds = Number(process.argv[2] ?? 5);
  const exporter = await startDemoMetricsServer(new DemoMesh());
  const address = exporter.url.replace('http://', '');
  const prometheus = await startPrometheus(
    [
      { job: 'istio-proxies', address },
      {
        job: 'ztunnel',
        address,
        metricsPath: '/metrics/ztunnel',
        labels: { app: 'ztunnel' },
      },
    ],
    `${scrapeSeconds}s`,
  );
  const stop = async () => {
    await prometheus.stop();
    await exporter.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await waitForData(
    prometheus.url,
    'count_over_time(up{job="istio-proxies"}[5m]) > 2',
    120_000,
  );
  process.stdout.write(`${JSON.stringify({ url: prometheus.url })}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
