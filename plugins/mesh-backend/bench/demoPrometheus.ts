/*
 * A real Prometheus (Debian package) scraping the embedded demo mesh's /metrics, as a process of its
 * own for benchmarks of other packages (packages/backend's `npm run bench:load`):
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/demoPrometheus.ts [scrapeSeconds]
 * prints `{"url": …}` on one line once Prometheus holds a few scrapes, and stops both on SIGTERM.
 */
import {
  prometheusBinary,
  startDemoPrometheus,
} from '../src/__testUtils__/prometheus';

async function main() {
  if (!prometheusBinary())
    throw new Error(
      'No prometheus binary: apt-get install prometheus (scripts/bench.sh installs it)',
    );
  const scrapeSeconds = Number(process.argv[2] ?? 5);
  const prometheus = await startDemoPrometheus(scrapeSeconds, 2);
  const stop = async () => {
    await prometheus.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ url: prometheus.url })}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
