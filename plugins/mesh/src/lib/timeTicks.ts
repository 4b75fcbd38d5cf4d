/*
 * Axis ticks that never repeat a label: the step is a "nice" interval (1-2-5 for durations, clock
 * steps for times of day) at least as long as the label's resolution, so `10:01 10:01 10:02`
 * cannot happen. Pure functions; the charts pass the ticks and the formatter to recharts.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const CLOCK_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

export interface TimeTicks {
  /** Tick positions in epoch milliseconds, inside [start, end]. */
  ticks: number[];
  /** Formats a tick: hours and minutes, with seconds when the step is under a minute. */
  format: (ms: number) => string;
}

/** Ticks for a time-of-day axis from `start` to `end` (ms), about `count` of them. */
export function timeOfDayTicks(
  start: number,
  end: number,
  count = 6,
): TimeTicks {
  const span = Math.max(end - start, SECOND);
  const step =
    CLOCK_STEPS.find(s => span / s <= count) ??
    CLOCK_STEPS[CLOCK_STEPS.length - 1];
  const withSeconds = step < MINUTE;
  // Over more than a day the same time of day comes back: the day tells the ticks apart.
  const withDay = span > 24 * HOUR;
  const format = (ms: number) =>
    new Date(ms).toLocaleString([], {
      ...(withDay ? { month: 'short', day: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
    });
  // Steps of a minute or more align to the local clock (10:05, 10:10), not to UTC offsets.
  const offset = new Date(start).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((start - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let t = first; t <= end; t += step) ticks.push(t);
  return { ticks, format };
}

/** A 1-2-5 step (…, 0.5, 1, 2, 5, 10, …) so that `span / step` is at most `count`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].find(m => m * magnitude >= raw)!;
  return nice * magnitude;
}

/** Ruler ticks for a duration axis from 0 to `total`: 0 and every nice step up to the end. */
export function durationTicks(total: number, count = 5): number[] {
  const step = niceStep(total, count);
  const ticks: number[] = [];
  for (let i = 0; i * step <= total * (1 + 1e-9); i++)
    ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}
