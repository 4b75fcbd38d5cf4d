import { durationTicks, niceStep, timeOfDayTicks } from './timeTicks';

const MINUTE = 60_000;
const start = Date.UTC(2026, 11, 3, 10, 0, 17);

describe('timeOfDayTicks', () => {
  it.each([
    ['9 minutes (a capped "last 1h")', 9 * MINUTE],
    ['5 minutes', 5 * MINUTE],
    ['90 seconds', 90_000],
    ['10 seconds', 10_000],
    ['1 hour', 60 * MINUTE],
    ['6 hours', 360 * MINUTE],
    ['3 days', 3 * 24 * 60 * MINUTE],
  ])('never repeats a label over %s', (_name, span) => {
    for (const count of [3, 6, 10]) {
      const { ticks, format } = timeOfDayTicks(start, start + span, count);
      const labels = ticks.map(format);
      expect(ticks.length).toBeGreaterThanOrEqual(1);
      expect(ticks.length).toBeLessThanOrEqual(count + 1);
      expect(new Set(labels).size).toBe(labels.length);
      expect(ticks.every(t => t >= start && t <= start + span)).toBe(true);
    }
  });

  it('places minute ticks on round minutes and shows seconds only for short spans', () => {
    const minutes = timeOfDayTicks(start, start + 9 * MINUTE, 6);
    expect(minutes.ticks.every(t => t % MINUTE === 0)).toBe(true);
    expect(minutes.ticks[1] - minutes.ticks[0]).toBe(2 * MINUTE);
    const seconds = timeOfDayTicks(start, start + 20_000, 6);
    expect(seconds.ticks[1] - seconds.ticks[0]).toBe(5_000);
    expect(seconds.format(seconds.ticks[0])).toMatch(/\d\d:\d\d:\d\d/);
  });
});

describe('durationTicks', () => {
  it('steps 1-2-5 from 0 to the end of the trace', () => {
    expect(niceStep(1000, 5)).toBe(200);
    expect(durationTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(durationTicks(37_500)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(durationTicks(0.9, 4)).toEqual([0, 0.5]);
    expect(durationTicks(0)).toEqual([0]);
  });
});
