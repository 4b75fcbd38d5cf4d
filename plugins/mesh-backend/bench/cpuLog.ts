/*
 * BENCH_CPU_LOG=<file> for bench:scale: once a second, the CPU (% of one core) that replica 1's
 * threads used — its event loop, its worker thread(s), libuv's pool, V8's helpers, by thread name
 * (`node` is its worker thread) — and every other process of the machine grouped by what it is (Prometheus, the synthetic
 * exporter, the Kubernetes API double, the bench's own load, PostgreSQL, Redis), with the
 * kernel's CPU pressure, as JSON lines. Beside BENCH_REQUEST_LOG, ./tailBySecond tells what the
 * slow requests shared their seconds with. Linux only (it reads /proc).
 */
import fs from 'fs';

const TICKS_PER_SECOND = 100; // Linux's USER_HZ

/** utime + stime of a /proc stat line, and its name. */
function cpuTicks(
  statFile: string,
): { ticks: number; name: string } | undefined {
  try {
    const stat = fs.readFileSync(statFile, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { ticks: Number(fields[11]) + Number(fields[12]), name };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** What each process seen so far is (its command line is read once). */
const groups = new Map<string, string>();
const groupOf = (pid: string) => {
  if (!groups.has(pid)) groups.set(pid, groupFromCommand(pid));
  return groups.get(pid)!;
};

/** What a process of the bench is, from its command line. */
function groupFromCommand(pid: string): string {
  let command = '';
  try {
    command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  const patterns: Array<[RegExp, string]> = [
    [/prometheus/, 'prometheus'],
    [/syntheticExporter/, 'exporter'],
    [/kubeApiServer/, 'kubeApi'],
    [/scaleBench/, 'load'],
    [/postgres/, 'postgres'],
    [/redis-server/, 'redis'],
    [/src\/index\.ts|packages\/backend/, 'otherReplicas'],
  ];
  return patterns.find(([pattern]) => pattern.test(command))?.[1] ?? 'other';
}

/** Starts the log; `replica` answers replica 1's pid (undefined until it runs). Returns a stop. */
export function startCpuLog(
  file: string,
  replica: () => number | undefined,
): () => void {
  const out = fs.createWriteStream(file, { flags: 'a' });
  let previous = new Map<string, number>();
  const timer = setInterval(() => {
    const current = new Map<string, number>();
    const used: Record<string, number> = {};
    const add = (key: string, group: string, ticks: number) => {
      current.set(key, ticks);
      const before = previous.get(key);
      if (before !== undefined)
        used[group] = (used[group] ?? 0) + (ticks - before);
    };
    const replicaPid = String(replica() ?? '');
    for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
      if (pid === replicaPid) {
        for (const thread of fs.readdirSync(`/proc/${pid}/task`)) {
          const stat = cpuTicks(`/proc/${pid}/task/${thread}/stat`);
          const name = thread === pid ? 'eventLoop' : stat?.name;
          if (stat) add(`t${thread}`, `replica1:${name}`, stat.ticks);
        }
      } else {
        const stat = cpuTicks(`/proc/${pid}/stat`);
        if (stat) add(`p${pid}`, groupOf(pid), stat.ticks);
      }
    }
    previous = current;
    let pressure: string | undefined;
    try {
      pressure = fs
        .readFileSync('/proc/pressure/cpu', 'utf8')
        .match(/avg10=([\d.]+)/)?.[1];
    } catch {
      // a kernel without pressure stall information
    }
    const percent = Object.fromEntries(
      Object.entries(used)
        .filter(([, ticks]) => ticks > 0)
        .map(([group, ticks]) => [group, (ticks * 100) / TICKS_PER_SECOND]),
    );
    out.write(
      `${JSON.stringify({
        at: Date.now(),
        pressure10s: Number(pressure),
        ...percent,
      })}\n`,
    );
  }, 1000);
  return () => {
    clearInterval(timer);
    out.end();
  };
}
