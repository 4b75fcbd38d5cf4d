/*
 * Every demo counter is (requests per second at load 1) × Λ(t), where Λ is the integral of the
 * app's load curve L(t) = 1 + A·sin(2πt/P + φ). Counters are therefore a pure function of time:
 * they grow while the app runs, rates drift live, a window's rate is exact, and the same numbers
 * can be served as a Prometheus /metrics endpoint at any scrape time.
 */

export const LOAD_AMPLITUDE = 0.25;
export const LOAD_PERIOD_SECONDS = 900;

export class LoadCurve {
  constructor(
    private readonly epochSeconds: number,
    private readonly phase: number,
  ) {}

  /** Load factor at time t (seconds since the Unix epoch). */
  at(t: number): number {
    return (
      1 +
      LOAD_AMPLITUDE *
        Math.sin((2 * Math.PI * t) / LOAD_PERIOD_SECONDS + this.phase)
    );
  }

  /** Λ(t): integral of L from the epoch (counter start) to t; 0 before the epoch. */
  integral(t: number): number {
    const end = Math.max(t, this.epochSeconds);
    const k = (2 * Math.PI) / LOAD_PERIOD_SECONDS;
    const cos = (x: number) => Math.cos(k * x + this.phase);
    return (
      end -
      this.epochSeconds -
      (LOAD_AMPLITUDE / k) * (cos(end) - cos(this.epochSeconds))
    );
  }

  /** Average load factor over (t - window, t], i.e. what `rate(x[window])` sees divided by the base rate. */
  averageOver(t: number, windowSeconds: number): number {
    return (
      (this.integral(t) - this.integral(t - windowSeconds)) / windowSeconds
    );
  }
}
