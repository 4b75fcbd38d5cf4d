import {
  DEFAULT_HEALTH_TOLERANCES,
  evaluateRequestHealth,
  evaluateWorkloadStatus,
  mergeHealth,
  resolveTolerances,
} from './health';

const http = (codes: Record<string, number>) => ({
  inbound: { http: codes },
  outbound: {},
});

describe('request health (Kiali default tolerances)', () => {
  it.each([
    [{ '200': 100 }, 'healthy'],
    [{ '200': 99.9, '503': 0.1 }, 'degraded'], // any 5xx degrades
    [{ '200': 90, '500': 10 }, 'failure'], // 10% 5xx fails
    [{ '200': 95, '404': 5 }, 'healthy'], // 4xx below 10%
    [{ '200': 89, '404': 11 }, 'degraded'],
    [{ '200': 80, '404': 20 }, 'failure'],
    [{ '200': 99, '-': 1 }, 'degraded'], // no response
  ])('%j → %s', (codes, status) => {
    expect(evaluateRequestHealth(http(codes)).status).toBe(status);
  });

  it('treats gRPC statuses 1-16 as errors and TCP-free nodes without traffic as no-data', () => {
    expect(
      evaluateRequestHealth({
        inbound: {},
        outbound: { grpc: { '0': 98, '14': 2 } },
      }).status,
    ).toBe('degraded');
    expect(
      evaluateRequestHealth({
        inbound: {},
        outbound: { grpc: { '0': 80, '13': 20 } },
      }).status,
    ).toBe('failure');
    expect(evaluateRequestHealth({ inbound: {}, outbound: {} }).status).toBe(
      'no-data',
    );
  });

  it('explains the verdict', () => {
    const health = evaluateRequestHealth(http({ '200': 88, '500': 12 }));
    expect(health.reasons).toEqual([
      '12.0% 5xx on inbound HTTP (degraded: any 5xx, failure: ≥ 10%)',
    ]);
    expect(health.errorRatio).toBeCloseTo(0.12);
  });

  it("states thresholds as Kiali's tolerances, never as 'degraded at ≥ 0%'", () => {
    const [fiveXx] = evaluateRequestHealth(
      http({ '200': 99, '500': 1 }),
    ).reasons;
    expect(fiveXx).toBe(
      '1.0% 5xx on inbound HTTP (degraded: any 5xx, failure: ≥ 10%)',
    );
    const [fourXx] = evaluateRequestHealth(
      http({ '200': 85, '404': 15 }),
    ).reasons;
    expect(fourXx).toBe(
      '15.0% 4xx on inbound HTTP (degraded: ≥ 10%, failure: ≥ 20%)',
    );
  });

  it('applies custom tolerances before the defaults', () => {
    const lenient = [
      {
        code: '5XX',
        protocol: 'http',
        direction: '.*',
        degraded: 5,
        failure: 50,
      },
    ];
    expect(
      evaluateRequestHealth(http({ '200': 97, '500': 3 }), lenient).status,
    ).toBe('healthy');
  });
});

describe('workload status (Kiali rules in order)', () => {
  it.each([
    [{ desired: 0, current: 0, available: 0 }, 'not-ready'],
    [{ desired: 2, current: 2, available: 1 }, 'degraded'],
    [{ desired: 2, current: 2, available: 0 }, 'failure'],
    [{ desired: 2, current: 3, available: 2 }, 'failure'],
    [{ desired: 2, current: 2, available: 2, syncedProxies: 1 }, 'degraded'],
    [{ desired: 2, current: 2, available: 2 }, 'healthy'],
  ])('%j → %s', (input, status) => {
    expect(evaluateWorkloadStatus('w', input).status).toBe(status);
  });

  it('merges by keeping the worst status and all reasons', () => {
    const merged = mergeHealth(
      { status: 'degraded', reasons: ['a'] },
      { status: 'failure', reasons: ['b'] },
    );
    expect(merged).toEqual({
      status: 'failure',
      reasons: ['b', 'a'],
      errorRatio: undefined,
    });
  });
});

describe('resolveTolerances', () => {
  const strict = [
    { code: '5XX', protocol: 'http', direction: '.*', degraded: 0, failure: 1 },
  ];
  const rules = [
    {
      namespace: 'bookinfo',
      kind: 'workload',
      name: 'reviews-.*',
      tolerances: strict,
    },
    { namespace: '.*', kind: 'service', name: '.*', tolerances: [] },
  ];
  it('uses the first matching rule, anchored, else the defaults', () => {
    expect(resolveTolerances(rules, 'workload', 'bookinfo', 'reviews-v2')).toBe(
      strict,
    );
    expect(
      resolveTolerances(rules, 'workload', 'bookinfo', 'xreviews-v2'),
    ).toBe(DEFAULT_HEALTH_TOLERANCES);
    expect(
      resolveTolerances(rules, 'workload', 'bookinfo-2', 'reviews-v2'),
    ).toBe(DEFAULT_HEALTH_TOLERANCES);
    expect(resolveTolerances(rules, 'service', 'any', 'x')).toEqual([]);
  });
  it('changes the verdict', () => {
    const codes = { inbound: { http: { '200': 98, '500': 2 } }, outbound: {} };
    expect(
      evaluateRequestHealth(
        codes,
        resolveTolerances(rules, 'workload', 'bookinfo', 'reviews-v2'),
      ).status,
    ).toBe('failure');
    expect(
      evaluateRequestHealth(
        codes,
        resolveTolerances(rules, 'workload', 'other', 'reviews-v2'),
      ).status,
    ).toBe('degraded');
  });
});
