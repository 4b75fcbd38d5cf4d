import {
  formatBytesPerSecond,
  formatLatency,
  formatPercent,
  formatRps,
} from './format';

describe('format', () => {
  it.each([
    [0, '0 rps'],
    [0.004, '<0.01 rps'],
    [3.333, '3.33 rps'],
    [10, '10 rps'],
    [1234.5, '1235 rps'],
  ])('formatRps(%p) = %p', (value, expected) => {
    expect(formatRps(value)).toBe(expected);
  });

  it.each([
    [0, '0%'],
    [0.0004, '<0.1%'],
    [0.025, '2.5%'],
    [0.15, '15%'],
    [1, '100%'],
  ])('formatPercent(%p) = %p', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it.each([
    [4.25, '4.3 ms'],
    [45.4, '45 ms'],
    [1250, '1.25 s'],
  ])('formatLatency(%p) = %p', (value, expected) => {
    expect(formatLatency(value)).toBe(expected);
  });

  it.each([
    [512, '512 B/s'],
    [1536, '1.5 KiB/s'],
    [50 * 1024 * 1024, '50 MiB/s'],
  ])('formatBytesPerSecond(%p) = %p', (value, expected) => {
    expect(formatBytesPerSecond(value)).toBe(expected);
  });
});
