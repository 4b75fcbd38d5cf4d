/*
 * Envoy's response flags (Istio's `response_flags` label): why a request ended as it did, in plain
 * words. Source: Envoy's access-log documentation of `%RESPONSE_FLAGS%` (short names), as Istio
 * reports them; several flags may be joined by commas.
 */

/**
 * What one response flag means.
 *
 * @public
 */
export interface MeshResponseFlagInfo {
  /** Plain-language reason. */
  meaning: string;
  /** Istio produced the response on purpose (fault injection): not a failure of the service. */
  injected?: boolean;
}

const FLAGS: Record<string, MeshResponseFlagInfo> = {
  UO: {
    meaning: 'circuit breaker open: upstream overflow (connection pool full)',
  },
  UT: { meaning: 'upstream request timeout' },
  URX: { meaning: 'retries exhausted (upstream retry limit exceeded)' },
  UF: { meaning: 'upstream connection failure' },
  UH: { meaning: 'no healthy upstream host' },
  NR: { meaning: 'no route configured for the request' },
  NC: { meaning: 'no upstream cluster found' },
  FI: { meaning: 'fault injected by Istio (abort)', injected: true },
  DI: { meaning: 'delay injected by Istio', injected: true },
  RL: { meaning: 'rate limited locally' },
  RLSE: { meaning: 'rate limit service error' },
  DC: { meaning: 'downstream (caller) closed the connection' },
  UC: { meaning: 'upstream connection terminated' },
  UR: { meaning: 'upstream reset the connection' },
  LR: { meaning: 'connection reset locally' },
  LH: { meaning: 'local service failed its health check' },
  DT: { meaning: 'request or connection exceeded its maximum duration' },
  SI: { meaning: 'stream idle timeout' },
  UAEX: { meaning: 'denied by the external authorization service' },
  IH: { meaning: 'invalid header value' },
  DPE: { meaning: 'downstream protocol error' },
  UPE: { meaning: 'upstream protocol error' },
  UMSDR: { meaning: 'upstream request reached its maximum stream duration' },
  OM: { meaning: 'overload manager terminated the request' },
  DF: { meaning: 'DNS resolution failed' },
  DO: { meaning: 'dropped by overload (drop_overload)' },
};

/**
 * The meaning of a response flag; unknown flags are named as such.
 *
 * @public
 */
export function responseFlagInfo(flag: string): MeshResponseFlagInfo {
  return FLAGS[flag] ?? { meaning: `Envoy response flag ${flag}` };
}

/**
 * The single flags of a `response_flags` label value (`-` means none; several are comma-joined).
 *
 * @public
 */
export function splitResponseFlags(value: string | undefined): string[] {
  if (!value || value === '-') return [];
  return value
    .split(',')
    .map(f => f.trim())
    .filter(Boolean);
}
