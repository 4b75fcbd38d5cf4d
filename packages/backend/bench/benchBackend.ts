/*
 * What the load benchmark runs against: the demo backend itself (packages/backend, with the demo
 * permission policy, the real catalog, auth and permission backends) in its own process, its
 * embedded demo mesh read through a real Prometheus (Debian package) that scrapes the demo's
 * /metrics — so every telemetry read is a real PromQL query that Prometheus counts.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { OWNERS_ONLY_ENTITIES } from '../src/meshDemoPolicy';
import { BackendDeployment, backendProcessSettings } from './backendDeployment';

const ROOT = path.resolve(__dirname, '../../..');

export interface BenchBackend {
  url: string;
  prometheusUrl: string;
  pid: number;
  /** When its process was started (Date.now()), for start-to-first-answer times. */
  startedAt: number;
  /** The mesh model's refreshes it has logged so far, oldest first (with `refreshLog` only). */
  refreshes: ModelRefresh[];
  /** The backend's V8 heap in use after a full garbage collection, in MB (through its inspector). */
  heapAfterGcMb(): Promise<number>;
  /** `process.memoryUsage()` of the backend after a full garbage collection, in MB. */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  stop(): Promise<void>;
}

/** One refresh of a lane of the mesh model, from its log line: when it started, how long it took. */
export interface ModelRefresh {
  startedAt: number;
  ms: number;
  /** The windows it refreshed, as the line names them (e.g. ['10m', '5m']). */
  windows: string[];
}

/** A refresh line of the mesh model (src/sources/model/MeshModel.ts), received `now`. */
export function parseRefreshLine(
  line: string,
  now: number,
): ModelRefresh | undefined {
  const match = /mesh model: refreshed .* in (\d+) ms \((.*)\)/.exec(line);
  if (!match) return undefined;
  const ms = Number(match[1]);
  const windows = [...match[2].matchAll(/(?:^|; )(\w+): /g)].map(m => m[1]);
  return { startedAt: now - ms, ms, windows };
}

/** The dev logger's colour codes (ESC [ … m). */
const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** `process.memoryUsage()` in MB: what V8's heap holds, and what lies outside it. */
export interface MemoryAfterGc {
  heapUsedMB: number;
  heapTotalMB: number;
  /** C++ objects bound to JS objects, array buffers' contents included. */
  externalMB: number;
  arrayBuffersMB: number;
  rssMB: number;
}

/** Runs inspector-protocol commands against a process started with --inspect (Node's global WebSocket). */
async function inspect(
  port: number,
  commands: Array<{ method: string; params?: object }>,
): Promise<any[]> {
  const [target]: any[] = await (
    await fetch(`http://127.0.0.1:${port}/json/list`)
  ).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const results: any[] = [];
  for (const [id, command] of commands.entries()) {
    results.push(
      await new Promise(resolve => {
        ws.onmessage = event => {
          const message = JSON.parse(String(event.data));
          if (message.id === id) resolve(message.result);
        };
        ws.send(JSON.stringify({ id, ...command }));
      }),
    );
  }
  ws.close();
  return results;
}

/** A process's resident memory in MB (Linux /proc); NaN (null in JSON) once it has exited. */
export function rssMb(pid: number): number {
  if (!fs.existsSync(`/proc/${pid}/status`)) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Queries Prometheus has answered, by API handler: its own `prometheus_http_requests_total`, read from its /metrics. */
export async function prometheusRequests(
  prometheusUrl: string,
): Promise<Record<string, number>> {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(
    /^prometheus_http_requests_total\{[^}]*handler="(\/api\/v1\/query(?:_range)?)"[^}]*\} (\S+)$/gm,
  )) {
    counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
  }
  return counts;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The mesh plugin's bench/demoPrometheus.ts in its own process: a Prometheus scraping the demo mesh. */
export async function startDemoPrometheus(
  scrapeSeconds: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'bench/demoPrometheus.ts',
      String(scrapeSeconds),
    ],
    {
      cwd: path.join(ROOT, 'plugins/mesh-backend'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    child.stdout!.once('data', d => resolve(JSON.parse(String(d))));
    child.once('exit', code =>
      reject(new Error(`demoPrometheus exited with ${code}`)),
    );
  });
  const stop = async () => {
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
  };
  return { url, stop };
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 500));
  }
}

export async function startBenchBackend(options: {
  scrapeSeconds: number;
  log: (line: string) => void;
  /** A Prometheus already scraping the demo mesh (shared by replicas; not stopped with the backend). */
  prometheusUrl?: string;
  /** More config, e.g. `backend.database` and `backend.cache` of replicas. */
  config?: object;
  /** `mesh` config instead of the demo mesh (then `prometheusUrl` is the one it reads, or none). */
  mesh?: object;
  /**
   * Print the mesh model's refresh lines (bench:scale). Off, the log goes nowhere: at bench:load's
   * rate, writing every request's log line to a pipe read by the bench costs both sides CPU.
   */
  refreshLog?: boolean;
  /**
   * How the deployment runs node (V8 flags, glibc allocator settings), e.g. bench:scale's
   * large-mesh settings; BENCH_BACKEND_NODE_FLAGS replaces the flags, MALLOC_* variables set for
   * the bench win over `env`. Both are reported by {@link backendProcessSettings}.
   */
  deployment?: BackendDeployment;
}): Promise<BenchBackend> {
  const prometheus =
    options.prometheusUrl || options.mesh
      ? { url: options.prometheusUrl ?? '', stop: async () => {} }
      : await startDemoPrometheus(options.scrapeSeconds);
  if (!options.prometheusUrl && !options.mesh)
    options.log(
      `prometheus ${prometheus.url} scraping the demo mesh every ${options.scrapeSeconds}s`,
    );

  const port = await freePort();
  const inspectPort = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-load-'));
  const config = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(
    config,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
      },
      mesh: options.mesh ?? {
        demo: { enabled: true, prometheus: { url: prometheus.url } },
      },
    }),
  );
  const extraConfig = path.join(dir, 'app-config.extra.yaml');
  fs.writeFileSync(extraConfig, JSON.stringify(options.config ?? {}));
  const deployment = backendProcessSettings(options.deployment);
  const startedAt = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir> writes a CPU profile of the backend there when it stops.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      // BENCH_BACKEND_NODE_FLAGS: the node flags of a deployment, e.g. a V8 heap cap
      // (`--max-old-space-size=768`); the options' `deployment` flags when unset.
      ...deployment.nodeFlags,
      // Loopback inspector, only to force a GC and read the memory (memoryAfterGc).
      `--inspect=127.0.0.1:${inspectPort}`,
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      config,
      '--config',
      extraConfig,
    ],
    // Development mode: the guest sign-in the demo uses is only offered there.
    {
      cwd: path.join(ROOT, 'packages/backend'),
      env: {
        ...process.env,
        ...deployment.env,
        NODE_ENV: 'development',
      },
      stdio: [
        'ignore',
        options.refreshLog || process.env.BENCH_BACKEND_STDOUT
          ? 'pipe'
          : 'ignore',
        'pipe',
      ],
    },
  );
  // BENCH_BACKEND_STDOUT=<file>: the backend's whole stdout appended there (e.g. with
  // BENCH_BACKEND_NODE_FLAGS=--trace-gc, every collection and its pause).
  if (process.env.BENCH_BACKEND_STDOUT) {
    const out = fs.createWriteStream(process.env.BENCH_BACKEND_STDOUT, {
      flags: 'a',
    });
    child.stdout?.on('data', d => out.write(d));
    child.once('exit', () => out.end());
  }
  let stderr = '';
  child.stderr?.on('data', d => (stderr = (stderr + d).slice(-4000)));
  // The mesh model's refresh lines (durations, parts per window) go to the bench's output; the
  // rest of the log is dropped (read, so that the pipe never fills).
  let partial = '';
  const refreshes: ModelRefresh[] = [];
  child.stdout?.on('data', d => {
    const lines = (partial + d).split('\n');
    partial = lines.pop()!;
    for (const logged of lines) {
      // Most lines are the backend's request log: skip them before any other work.
      if (!logged.includes('mesh model: refreshed')) continue;
      const line = logged.replace(ANSI_COLOURS, '').trim();
      const refresh = parseRefreshLine(line, Date.now());
      if (!refresh) continue;
      refreshes.push(refresh);
      process.stderr.write(`  [backend :${port}] ${line.slice(0, 400)}\n`);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  // A backend that dies during a run (e.g. at a heap limit) is said at once, with why.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping)
      process.stderr.write(
        `  [backend :${port}] exited (${
          signal ?? `code ${code}`
        }) during the run; its last output:\n${stderr.slice(-1500)}\n`,
      );
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await prometheus.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'backend start',
      async () =>
        child.exitCode === null &&
        (
          await fetch(`${url}/.backstage/health/v1/readiness`)
        ).ok,
      // Generous: at bench:scale's size, on a loaded machine, a start takes minutes.
      600_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  const usageAfterGc = async () => {
    const [, evaluated] = await inspect(inspectPort, [
      { method: 'HeapProfiler.collectGarbage' },
      {
        method: 'Runtime.evaluate',
        params: { expression: 'process.memoryUsage()', returnByValue: true },
      },
    ]);
    return evaluated.result.value as NodeJS.MemoryUsage;
  };
  const memoryAfterGc = async (): Promise<MemoryAfterGc> => {
    const usage = await usageAfterGc();
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    return {
      heapUsedMB: mb(usage.heapUsed),
      heapTotalMB: mb(usage.heapTotal),
      externalMB: mb(usage.external),
      arrayBuffersMB: mb(usage.arrayBuffers),
      rssMB: mb(usage.rss),
    };
  };
  const heapAfterGcMb = async () =>
    (await usageAfterGc()).heapUsed / 1024 / 1024;
  return {
    url,
    prometheusUrl: prometheus.url,
    pid: child.pid!,
    startedAt,
    refreshes,
    heapAfterGcMb,
    memoryAfterGc,
    stop,
  };
}

/** A guest user's token, as the demo's frontend gets it. */
export async function guestToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body: any = await res.json();
  if (!body?.backstageIdentity?.token)
    throw new Error(
      `guest sign-in failed: ${res.status} ${JSON.stringify(body).slice(
        0,
        200,
      )}`,
    );
  return body.backstageIdentity.token;
}

/**
 * Components of the demo catalog files the guest may read (all but the demo policy's owners-only
 * ones), read from the files as the catalog would (one document per `---`).
 */
function guestDemoComponents(): string[] {
  const dir = path.join(ROOT, 'examples', 'mesh-demo');
  return fs
    .readdirSync(dir)
    .flatMap(f => fs.readFileSync(path.join(dir, f), 'utf8').split(/^---$/m))
    .filter(doc => /^kind: Component$/m.test(doc))
    .map(doc => /^ {2}name: (\S+)$/m.exec(doc)?.[1] ?? '')
    .filter(name => name && !OWNERS_ONLY_ENTITIES.includes(name));
}

/**
 * Waits until the catalog has processed the demo entities (the backend answers before that):
 * every demo Component the guest may read is listed — before the first mesh request, since the
 * plugin keeps its own read of the mapped entities for 15 s — and a graph answers.
 */
export async function waitForCatalog(
  url: string,
  token: string,
): Promise<void> {
  const expected = guestDemoComponents();
  await waitFor(
    'catalog processing of every demo Component',
    async () => {
      const res = await fetch(
        `${url}/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name&limit=1000`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!res.ok) return false;
      const { items } = (await res.json()) as {
        items: Array<{ metadata: { name: string } }>;
      };
      const names = new Set(items.map(e => e.metadata.name));
      return expected.every(name => names.has(name));
    },
    120_000,
  );
  await waitFor(
    'catalog processing of the demo entities',
    async () =>
      (
        await fetch(
          `${url}/api/mesh/entities/by-name/component/default/productpage/graph`,
          { headers: { Authorization: `Bearer ${token}` } },
        )
      ).ok,
    120_000,
  );
}
