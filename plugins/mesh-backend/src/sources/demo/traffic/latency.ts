/*
 * Latency distributions of the demo: log-normal per workload, fixed by its median and p99, shifted
 * and mixed for what the client side sees (proxy overhead, injected delays). Closed-form CDFs let the
 * generator write exact histogram buckets for any window.
 */
import { DemoLatency } from '../model';

/** Envoy's default histogram bucket bounds (ms), shared by Istio's duration histograms. */
export const ENVOY_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
  300000, 600000, 1800000, 3600000,
];

export interface LatencyModel {
  cdf(ms: number): number;
  meanMs: number;
}

const Z99 = 2.3263478740408408;

// Abramowitz–Stegun 7.1.26 approximation of erf, accurate to 1.5e-7: plenty for bucket shares.
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) *
      t +
      0.254829592) *
      t *
      Math.exp(-ax * ax);
  return sign * y;
}

export function logNormal({ medianMs, p99Ms }: DemoLatency): LatencyModel {
  const mu = Math.log(medianMs);
  const sigma = Math.max(Math.log(p99Ms / medianMs) / Z99, 1e-6);
  return {
    cdf: ms =>
      ms <= 0 ? 0 : 0.5 * (1 + erf((Math.log(ms) - mu) / (sigma * Math.SQRT2))),
    meanMs: Math.exp(mu + (sigma * sigma) / 2),
  };
}

/** The same distribution `offsetMs` later. */
export function shifted(model: LatencyModel, offsetMs: number): LatencyModel {
  return {
    cdf: ms => model.cdf(ms - offsetMs),
    meanMs: model.meanMs + offsetMs,
  };
}

/** With probability `share`, `delayMs` is added (Istio fault delay). */
export function withDelay(
  model: LatencyModel,
  share: number,
  delayMs: number,
): LatencyModel {
  if (!share || !delayMs) return model;
  const delayed = shifted(model, delayMs);
  return {
    cdf: ms => (1 - share) * model.cdf(ms) + share * delayed.cdf(ms),
    meanMs: model.meanMs + share * delayMs,
  };
}

/** A request the client proxy answers itself (fault abort): well under a millisecond. */
export const LOCAL_REPLY: LatencyModel = {
  cdf: ms => (ms >= 0.5 ? 1 : 0),
  meanMs: 0.3,
};

/** Mean client-side overhead of two proxies and the network, added to server latency. */
export const PROXY_OVERHEAD_MS = 1.2;
