/*
 * One PrometheusTelemetrySource per distinct store: clusters that share a Prometheus (same URL and
 * credentials) share a source, so one graph request sends its 4 queries once, not once per cluster.
 * With the mesh model on, each store answers canonical windows from its model.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import {
  PrometheusStoreOptions,
  TelemetryConfig,
} from '../../config/telemetryConfig';
import { MeshModel } from '../model/MeshModel';
import { TelemetrySource } from '../types';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusTelemetrySource } from './PrometheusTelemetrySource';
import { CachedPrometheus } from './QueryCache';

export function createTelemetrySources(
  config: TelemetryConfig,
  clusters: string[],
  cache?: CacheService,
  /** Serves canonical windows from the background-refreshed mesh model (../model). */
  model?: MeshModel,
): Map<string, TelemetrySource> {
  const byStore = new Map<
    string,
    { options: PrometheusStoreOptions; clusters: string[] }
  >();
  for (const cluster of clusters) {
    const options = config.byCluster.get(cluster) ?? config.defaultPrometheus;
    if (!options) continue;
    const key = JSON.stringify(options);
    const entry = byStore.get(key) ?? { options, clusters: [] };
    entry.clusters.push(cluster);
    byStore.set(key, entry);
  }
  const sources = new Map<string, TelemetrySource>();
  for (const { options, clusters: served } of byStore.values()) {
    const prometheus = new CachedPrometheus(
      new PrometheusClient(options),
      cache,
    );
    const store = new PrometheusTelemetrySource(prometheus, {
      clusters: served,
      alignSeconds: config.alignSeconds,
      workloadRecordingRules: options.workloadRecordingRules,
    });
    const source = model
      ? model.wrap(store, `${prometheus.displayUrl} (${served.join(', ')})`)
      : store;
    for (const cluster of served) sources.set(cluster, source);
  }
  return sources;
}
