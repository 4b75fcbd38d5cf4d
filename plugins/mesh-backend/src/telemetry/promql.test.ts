import {
  escapeRegex,
  escapeString,
  matcher,
  oneOf,
  rangeSeconds,
} from './promql';

describe('PromQL building', () => {
  it.each([
    ['plain', 'plain'],
    ['a"}or vector(1)', 'a\\"}or vector(1)'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak', 'line\\nbreak'],
  ])('escapes %j inside string literals', (value, expected) => {
    expect(escapeString(value)).toBe(expected);
    expect(matcher('destination_workload', '=', value)).toBe(
      `destination_workload="${expected}"`,
    );
  });

  it('matches regex alternatives literally', () => {
    expect(escapeRegex('a|b.*')).toBe('a\\|b\\.\\*');
    expect(oneOf('source_workload_namespace', ['bookinfo', 'x|y'])).toBe(
      'source_workload_namespace=~"bookinfo|x\\\\|y"',
    );
  });

  it('refuses label names and ranges that are not plain', () => {
    expect(() => matcher('a"b', '=', 'x')).toThrow(/Invalid label name/);
    expect(() => matcher('}or{', '=', 'x')).toThrow(/Invalid label name/);
    expect(rangeSeconds(600)).toBe('[600s]');
    expect(() => rangeSeconds(1.5)).toThrow();
    expect(() => rangeSeconds(-1)).toThrow();
  });
});
