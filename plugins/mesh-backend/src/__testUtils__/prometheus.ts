/*
 * Starts a real Prometheus server (Debian's `prometheus` package) for integration tests: a temp
 * data dir, a free loopback port, a 1 s scrape interval. Tests that need it skip with a message
 * when the binary is missing outside CI and fail in CI, where scripts/test.sh installs it.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { Agent } from 'undici';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { startDemoMetricsServer } from '../sources/demo/DemoMetricsServer';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  metricsPath?: string;
  /** Target labels Prometheus attaches to every scraped series (like pod labels in Kubernetes). */
  labels?: Record<string, string>;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export function prometheusBinary(): string | undefined {
  const candidates = [
    process.env.PROMETHEUS_BIN,
    '/usr/bin/prometheus',
    '/usr/local/bin/prometheus',
  ];
  const found = candidates.find(c => c && fs.existsSync(c));
  if (found) return found;
  const which = spawnSync('which', ['prometheus'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

function prometheusAvailable(): boolean {
  if (prometheusBinary()) return true;
  if (process.env.CI === 'true')
    throw new Error(
      'Prometheus is required in CI; scripts/test.sh installs the Debian package',
    );
  // eslint-disable-next-line no-console
  console.warn(
    'Skipping Prometheus integration tests: no prometheus binary (apt-get install prometheus)',
  );
  return false;
}

/** `describe` that runs only with a Prometheus binary (and fails in CI without one). */
export const describeWithPrometheus: jest.Describe = ((
  name: string,
  fn: () => void,
) =>
  (prometheusAvailable() ? describe : describe.skip)(
    name,
    fn,
  )) as jest.Describe;

/**
 * A URL no one answers: connections are refused. Port 1 (tcpmux) is below the ports `listen(0)`
 * hands out, so unlike a freed port no other test's server can take it meanwhile.
 */
export const refusedUrl = (scheme = 'http') => `${scheme}://127.0.0.1:1`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Prometheus' web config (`--web.config.file`): TLS and client-certificate checks. */
export interface PrometheusWebTls {
  certFile: string;
  keyFile: string;
  /** Client certificates must be signed by this CA (RequireAndVerifyClientCert). */
  clientCaFile?: string;
  /** CA, client certificate and key the readiness probe uses. */
  probe: { ca: string; cert?: string; key?: string };
}

export async function startPrometheus(
  targets: ScrapeTarget[],
  scrapeInterval = '1s',
  tls?: PrometheusWebTls,
  /** Recording rules (a rule file's content), evaluated at the scrape interval. */
  rules?: object,
): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-prometheus-'));
  if (rules)
    fs.writeFileSync(path.join(dir, 'rules.yml'), JSON.stringify(rules));
  const config = {
    global: {
      scrape_interval: scrapeInterval,
      // Large synthetic scrapes (bench:scale, ~530 MB) need more than the default 10 s.
      scrape_timeout: scrapeInterval,
      evaluation_interval: scrapeInterval,
    },
    ...(rules ? { rule_files: [path.join(dir, 'rules.yml')] } : {}),
    scrape_configs: targets.map(t => ({
      job_name: t.job,
      metrics_path: t.metricsPath ?? '/metrics',
      static_configs: [{ targets: [t.address], labels: t.labels ?? {} }],
    })),
  };
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify(config));
  const webArgs: string[] = [];
  if (tls) {
    const web = {
      tls_server_config: {
        cert_file: tls.certFile,
        key_file: tls.keyFile,
        ...(tls.clientCaFile
          ? {
              client_auth_type: 'RequireAndVerifyClientCert',
              client_ca_file: tls.clientCaFile,
            }
          : {}),
      },
    };
    fs.writeFileSync(path.join(dir, 'web.yml'), JSON.stringify(web));
    webArgs.push(`--web.config.file=${path.join(dir, 'web.yml')}`);
  }
  const probe = tls
    ? ({ dispatcher: new Agent({ connect: tls.probe }) } as RequestInit)
    : {};
  const port = await freePort();
  const child: ChildProcess = spawn(
    prometheusBinary()!,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
      ...webArgs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', d => (stderr = (stderr + d).slice(-4000)));
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`, probe)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready: ${stderr}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops a server process: SIGTERM, and SIGKILL if it has not exited after 5 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Waits until `promql` returns at least one sample. */
export async function waitForData(
  url: string,
  promql: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(
      `${url}/api/v1/query?query=${encodeURIComponent(promql)}`,
    );
    const json: any = await res.json();
    if (json?.data?.result?.length > 0) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`No data for ${promql} after ${timeoutMs} ms`);
}

/** A real Prometheus scraping the embedded demo mesh's /metrics (sidecars and ztunnel), once it holds a few scrapes. */
export async function startDemoPrometheus(
  scrapeSeconds = 1,
  minScrapes = 5,
  options: { mesh?: DemoMesh; rules?: object } = {},
): Promise<RunningPrometheus> {
  const exporter = await startDemoMetricsServer(options.mesh ?? new DemoMesh());
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
    undefined,
    options.rules,
  );
  const stop = async () => {
    await prometheus.stop();
    await exporter.close();
  };
  try {
    await waitForData(
      prometheus.url,
      `count_over_time(up{job="istio-proxies"}[5m]) > ${minScrapes}`,
      120_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: prometheus.url, stop };
}
