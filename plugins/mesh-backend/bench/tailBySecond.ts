/*
 * What bench:scale's slow requests shared their seconds with: reads BENCH_REQUEST_LOG and
 * BENCH_CPU_LOG (./cpuLog) of one run and prints, for one phase's graph requests, their p50 and
 * p95 by whether the synthetic exporter was serving a scrape (≥ 30 % CPU) and whether replica 1's
 * worker thread was busy (≥ 10 %) in any second a request spanned. Usage, from
 * plugins/mesh-backend: node -r @backstage/cli/config/nodeTransform.cjs bench/tailBySecond.ts
 * <request log> <cpu log> [phase, default 50x1] [route, default graph]
 */
import fs from 'fs';
import { percentile } from './scaleUsers';

const [requestFile, cpuFile, phase = '50x1', route = 'graph'] =
  process.argv.slice(2);
const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));

const bySecond = new Map<number, Record<string, number>>(
  lines(cpuFile).map(c => [Math.floor(c.at / 1000), c]),
);
const classes = new Map<string, number[]>();
for (const r of lines(requestFile)) {
  if (r.phase !== phase || r.route !== route) continue;
  let exporter = 0;
  let worker = 0;
  for (
    let s = Math.floor((r.at - r.ms) / 1000);
    s <= Math.floor(r.at / 1000);
    s++
  ) {
    exporter = Math.max(exporter, bySecond.get(s)?.exporter ?? 0);
    worker = Math.max(worker, bySecond.get(s)?.['replica1:node'] ?? 0);
  }
  const key = `exporter ${exporter >= 30 ? 'busy' : 'quiet'}, worker ${
    worker >= 10 ? 'busy' : 'quiet'
  }`;
  classes.set(key, [...(classes.get(key) ?? []), r.ms]);
}
const rows = [...classes].sort().map(([seconds, ms]) => ({
  seconds,
  requests: ms.length,
  p50Ms: percentile(ms, 0.5),
  p95Ms: percentile(ms, 0.95),
}));
console.table(rows);
console.log(JSON.stringify({ phase, route, rows }));
