/*
 * A real Prometheus (Debian package) scraping a synthetic mesh (./syntheticMesh, served by
 * ./syntheticExporter in its own process), ready once it can compute rates over the window.
 */
import { spawn } from 'child_process';
import {
  RunningPrometheus,
  startPrometheus,
} from '../src/__testUtils__/prometheus';

export interface SyntheticPrometheus extends RunningPrometheus {
  /** host:port of the exporter. */
  address: string;
}

export async function startSyntheticPrometheus(options: {
  namespaces: number;
  perNamespace: number;
  edges: number;
  scrapeSeconds: number;
  windowSeconds: number;
  /** Recording rules (a rule file's content), evaluated at the scrape interval. */
  rules?: object;
  /** `workload:`: the exporter serves Istio's recorded workload-level series (see ./syntheticExporter). */
  metricPrefix?: string;
}): Promise<SyntheticPrometheus> {
  const exporter = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'bench/syntheticExporter.ts',
      String(options.namespaces),
      String(options.perNamespace),
      String(options.edges),
      options.metricPrefix ?? '',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const { address } = await new Promise<{ address: string }>(
    (resolve, reject) => {
      exporter.stdout!.once('data', d => resolve(JSON.parse(String(d))));
      exporter.once('exit', code =>
        reject(new Error(`exporter exited with ${code}`)),
      );
    },
  );
  const prometheus = await startPrometheus(
    [{ job: 'bench', address }],
    `${options.scrapeSeconds}s`,
    undefined,
    options.rules,
  );
  const stop = async () => {
    await prometheus.stop();
    exporter.kill();
  };
  try {
    // Wait until Prometheus holds enough samples for rates over the window.
    const recorded = options.rules || options.metricPrefix === 'workload:';
    const ready = `count(rate(${
      recorded ? 'workload:' : ''
    }istio_requests_total[${options.windowSeconds}s]))`;
    // At 605,000 series on a loaded 2-core machine the first scrapes alone take minutes.
    const deadline = Date.now() + 1_800_000;
    for (;;) {
      const r: any = await (
        await fetch(
          `${prometheus.url}/api/v1/query?query=${encodeURIComponent(ready)}`,
        )
      ).json();
      if (Number(r?.data?.result?.[0]?.value?.[1] ?? 0) > 0) break;
      if (Date.now() > deadline)
        throw new Error('Prometheus did not scrape the synthetic mesh in time');
      await new Promise(res => setTimeout(res, 1000));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: prometheus.url, address, stop };
}
