/*
 * The re-list period's jitter (the lists themselves are tested against the Kubernetes API test
 * double in KubernetesInventorySource.test.ts).
 */
import { jitteredMs } from './ResourceWatcher';

describe('jitteredMs', () => {
  it('spreads a period over ± 10 % so that the resources of a cluster are not re-listed at once', () => {
    expect(jitteredMs(600_000, () => 0)).toBe(540_000);
    expect(jitteredMs(600_000, () => 0.5)).toBe(600_000);
    expect(jitteredMs(600_000, () => 0.999)).toBeCloseTo(659_880);
    const periods = Array.from({ length: 14 }, () => jitteredMs(600_000));
    expect(new Set(periods).size).toBeGreaterThan(1);
    for (const period of periods) {
      expect(period).toBeGreaterThanOrEqual(540_000);
      expect(period).toBeLessThan(660_000);
    }
  });
});
