/*
 * Number formatting shared by graph labels, tooltips and the edge table, so the same value reads
 * the same everywhere. Pure functions, no React.
 */

/** Rounds to at most `digits` decimals and drops trailing zeros (3.30 → "3.3", 10.00 → "10"). */
function trimmed(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** Requests per second, e.g. `3.33 rps`; tiny non-zero rates stay visible as `<0.01 rps`. */
export function formatRps(rps: number): string {
  if (rps === 0) return '0 rps';
  if (rps < 0.01) return '<0.01 rps';
  return `${trimmed(rps, rps < 100 ? 2 : 0)} rps`;
}

/**
 * A ratio (0..1) as a percentage with at most one decimal, e.g. `2.5%`. Tiny non-zero ratios
 * show as `<0.1%` so that a few errors are never displayed as `0%`.
 */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  return `${trimmed(percent, 1)}%`;
}

/** Latency in milliseconds, switching to seconds from 1 s on (`45 ms`, `1.25 s`). */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${trimmed(ms, ms < 10 ? 1 : 0)} ms`;
  return `${trimmed(ms / 1000, 2)} s`;
}

const BYTE_UNITS = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'];

/** TCP throughput in binary units (`512 B/s`, `1.5 KiB/s`). */
export function formatBytesPerSecond(bytesPerSecond: number): string {
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${trimmed(value, value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}
