/*
 * Reads the traffic of some clusters over a window: one read per distinct telemetry source (several
 * clusters may share one Prometheus), snapshots concatenated, a failing source a per-source error.
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import {
  MeshSources,
  TelemetrySource,
  TrafficSnapshot,
} from '../sources/types';
import { guarded } from './sourceErrors';

export const emptySnapshot = (): TrafficSnapshot => ({
  requests: [],
  tcpSent: [],
  tcpReceived: [],
  latency: [],
});

export async function readTraffic(
  sources: MeshSources,
  clusters: string[],
  windowSeconds: number,
  time: Date,
  options: { withoutLatency?: boolean } = {},
): Promise<{ snapshot: TrafficSnapshot; errors: MeshSourceError[] }> {
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
  const snapshot = emptySnapshot();
  const errors: MeshSourceError[] = [];
  for (const r of results) {
    errors.push(...r.errors);
    for (const key of Object.keys(snapshot) as Array<keyof TrafficSnapshot>)
      snapshot[key].push(...r.value[key]);
  }
  return { snapshot, errors };
}
