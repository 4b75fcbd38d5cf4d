import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { entityGoldenSignals } from './goldenSignals';

describe('entityGoldenSignals', () => {
  it("sums traffic into the entity's own nodes from outside, weighting errors and mTLS by rate", () => {
    // reviews-v1..v3 receive 3.3 + 3.3 + 3.4 rps from productpage-v1; 2% and 15% errors on v2 and v3.
    const signals = entityGoldenSignals(bookinfoGraph);
    expect(signals.rpsIn).toBeCloseTo(10);
    expect(signals.errorRateIn).toBeCloseTo((3.3 * 0.02 + 3.4 * 0.15) / 10);
    expect(signals.p95In).toBe(1250);
    expect(signals.mtlsIn).toBeCloseTo((3.3 + 3.3 + 3.4 * 0.5) / 10);
  });

  it('has no rates without inbound requests', () => {
    expect(
      entityGoldenSignals({ nodes: bookinfoGraph.nodes, edges: [] }),
    ).toEqual({
      rpsIn: 0,
      errorRateIn: null,
      p95In: null,
      mtlsIn: null,
    });
  });
});
