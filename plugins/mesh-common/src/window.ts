import { MAX_WINDOW_SECONDS, MIN_WINDOW_SECONDS } from './constants';

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 7 * 86400,
};

/**
 * Parses a Prometheus-style duration with a single unit (`30s`, `10m`, `6h`, `1d`) into seconds.
 * Returns an error message instead of throwing, so callers can turn it into their own error type.
 *
 * @public
 */
export function parseWindow(
  value: string,
): { seconds: number } | { error: string } {
  const match = /^([1-9][0-9]{0,6})([smhdw])$/.exec(value);
  if (!match) {
    return {
      error: `Invalid window '${truncate(
        value,
      )}': use a number and one unit of s, m, h, d or w, e.g. 10m`,
    };
  }
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  if (seconds < MIN_WINDOW_SECONDS || seconds > MAX_WINDOW_SECONDS) {
    return {
      error: `Window '${value}' is out of range: it must be between ${formatWindow(
        MIN_WINDOW_SECONDS,
      )} and ${formatWindow(MAX_WINDOW_SECONDS)}`,
    };
  }
  return { seconds };
}

/**
 * Formats seconds as the largest exact single-unit duration (600 → `10m`).
 *
 * @public
 */
export function formatWindow(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm']) {
    const size = UNIT_SECONDS[unit];
    if (seconds >= size && seconds % size === 0)
      return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
