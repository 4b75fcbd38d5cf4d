import { MeshSeriesResponse } from '@mesh-portal/plugin-mesh-common';
import {
  chartKinds,
  isErrorCode,
  responseCodeShares,
  summarizeRates,
  toSeriesRows,
} from './seriesRows';

const series: MeshSeriesResponse = {
  windowSeconds: 60,
  stepSeconds: 20,
  timestamps: [1000, 1020, 1040],
  rps: [2, 4, 0],
  errorRate: [0, 0.25, null],
  latency: { p50: [5, 6, null], p95: [20, 30, null], p99: [40, 50, null] },
  responses: { '200': [2, 3, 0], '503': [0, 1, 0] },
  reporter: 'destination',
  errors: [],
};

describe('toSeriesRows', () => {
  it('turns columns into chart rows with milliseconds and percentages', () => {
    expect(toSeriesRows(series)).toEqual([
      {
        ...{ time: 1_000_000, rps: 2, errorPercent: 0 },
        ...{ p50: 5, p95: 20, p99: 40, bytesIn: 0, bytesOut: 0 },
      },
      {
        ...{ time: 1_020_000, rps: 4, errorPercent: 25 },
        ...{ p50: 6, p95: 30, p99: 50, bytesIn: 0, bytesOut: 0 },
      },
      // No requests: gaps, not zeros.
      {
        time: 1_040_000,
        rps: 0,
        errorPercent: null,
        p50: null,
        p95: null,
        p99: null,
        bytesIn: 0,
        bytesOut: 0,
      },
    ]);
  });

  it('charts a TCP-only series in bytes each way, without request charts', () => {
    const tcpOnly: MeshSeriesResponse = {
      ...series,
      rps: [0, 0, 0],
      errorRate: [null, null, null],
      responses: {},
      reporter: 'none',
      tcpBytes: { clientToServer: [100, 200, 0], serverToClient: [900, 0, 0] },
    };
    expect(chartKinds(tcpOnly)).toEqual({ requests: false, bytes: true });
    expect(toSeriesRows(tcpOnly).map(r => [r.bytesIn, r.bytesOut])).toEqual([
      [100, 900],
      [200, 0],
      [0, 0],
    ]);
    expect(chartKinds(series)).toEqual({ requests: true, bytes: false });
    // Nothing at all: the empty request charts say so.
    expect(chartKinds({ ...tcpOnly, tcpBytes: undefined })).toEqual({
      requests: true,
      bytes: false,
    });
  });
});

describe('response codes', () => {
  it.each([
    ['200', false],
    ['404', true],
    ['503', true],
    ['-', true],
    ['0', false],
    ['14', true],
    ['abc', false],
  ])('%s is an error: %s', (code, expected) => {
    expect(isErrorCode(code)).toBe(expected);
  });

  it('averages each code over the window and sorts busiest first', () => {
    const shares = responseCodeShares(series.responses);
    expect(shares.map(s => s.code)).toEqual(['200', '503']);
    expect(shares[0].rps).toBeCloseTo(5 / 3);
    expect(shares[1]).toMatchObject({ isError: true });
    expect(shares[1].share).toBeCloseTo(1 / 6);
  });

  it('accepts single rates (an edge of the graph) and drops codes without traffic', () => {
    expect(responseCodeShares({ '200': 9, '500': 1, '404': 0 })).toEqual([
      { code: '200', rps: 9, share: 0.9, isError: false },
      { code: '500', rps: 1, share: 0.1, isError: true },
    ]);
  });

  it('summarizes request rates across protocols', () => {
    expect(
      summarizeRates({
        http: { '200': 8, '500': 1 },
        grpc: { '0': 0.5, '14': 0.5 },
      }),
    ).toEqual({
      rps: 10,
      errorShare: 0.15,
    });
    expect(summarizeRates({})).toEqual({ rps: 0, errorShare: null });
  });
});
