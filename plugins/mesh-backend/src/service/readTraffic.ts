/*
 * Reads the traffic of some clusters over a window: one read per distinct telemetry source (several
 * clusters may share one Prometheus), snapshots concatenated, a failing source a per-source error,
 * and how current the result is (the oldest data of any source; warming up if any source is).
 */
import {
  MeshSourceError,
  MeshTelemetryFreshness,
} from '@mesh-portal/plugin-mesh-common';
import {
  concatTraffic,
  emptySnapshot,
  MeshSources,
  TelemetrySource,
  TrafficFreshness,
  TrafficSnapshot,
} from '../sources/types';
import { guarded } from './sourceErrors';

export async function readTraffic(
  sources: MeshSources,
  clusters: string[],
  windowSeconds: number,
  time: Date,
  options: { withoutLatency?: boolean; latencyUnused?: boolean } = {},
): Promise<{
  snapshot: TrafficSnapshot;
  errors: MeshSourceError[];
  /** Absent when no source serves these clusters. */
  freshness?: MeshTelemetryFreshness;
}> {
  const bySource = new Map<TelemetrySource, string[]>();
  for (const cluster of clusters) {
    const source = sources.telemetryFor(cluster);
    if (source)
      bySource.set(source, [...(bySource.get(source) ?? []), cluster]);
  }
  const results = await Promise.all(
    [...bySource].map(([source, served]) =>
      guarded(
        () => source.getTraffic({ windowSeconds, time, ...options }),
        emptySnapshot(),
        'telemetry',
        served.join(','),
      ),
    ),
  );
  const { value: snapshot, errors } = concatTraffic(results);
  const freshness =
    results.length > 0
      ? combinedFreshness(
          results.map(r => ('freshness' in r ? r.freshness : undefined)),
          time,
        )
      : undefined;
  return { snapshot, errors, ...(freshness ? { freshness } : {}) };
}

/** Warming up if any source is; otherwise the oldest data time, and `model` if any came from one. */
function combinedFreshness(
  parts: Array<TrafficFreshness | undefined>,
  requestTime: Date,
): MeshTelemetryFreshness {
  if (parts.some(p => p?.state === 'warmingUp')) return { state: 'warmingUp' };
  const times = parts.map(p => (p?.time ?? requestTime).getTime());
  const oldest = Math.min(...times);
  return {
    state: parts.some(p => p?.state === 'model') ? 'model' : 'live',
    dataTime: new Date(oldest).toISOString(),
    dataAgeSeconds: Math.max(0, Math.round((Date.now() - oldest) / 100) / 10),
  };
}
