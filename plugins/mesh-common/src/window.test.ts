import { formatWindow, parseWindow } from './window';

describe('parseWindow', () => {
  it.each([
    ['30s', 30],
    ['10m', 600],
    ['6h', 21600],
    ['1d', 86400],
    ['1w', 604800],
  ])('%s → %i s', (text, seconds) => {
    expect(parseWindow(text)).toEqual({ seconds });
  });
  it.each([
    '',
    '10',
    'm',
    '0m',
    '1.5h',
    '10M',
    '1h30m',
    '5s',
    '8d',
    '1e3s',
    ' 10m',
    '10m;drop',
  ])('rejects %j', text => {
    expect(parseWindow(text)).toEqual({
      error: expect.stringMatching(/window/i),
    });
  });
  it('formats seconds back to the largest exact unit', () => {
    expect([30, 90, 600, 3600, 86400].map(formatWindow)).toEqual([
      '30s',
      '90s',
      '10m',
      '1h',
      '1d',
    ]);
  });
});
