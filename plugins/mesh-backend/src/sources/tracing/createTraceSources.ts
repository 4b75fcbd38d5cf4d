/*
 * One trace source per distinct tracing backend: clusters that share a backend (same type, URL
 * and credentials) share a source, so an entity spanning them queries it once.
 */
import {
  TracingBackendConfig,
  TracingConfig,
} from '../../config/tracingConfig';
import { TraceSource } from '../types';
import { JaegerTraceSource } from './jaeger/JaegerTraceSource';
import { TempoTraceSource } from './tempo/TempoTraceSource';
import { ZipkinTraceSource } from './zipkin/ZipkinTraceSource';

export function createTraceSource(backend: TracingBackendConfig): TraceSource {
  const { type, http, ...settings } = backend;
  if (type === 'jaeger') return new JaegerTraceSource(http, settings);
  if (type === 'zipkin') return new ZipkinTraceSource(http, settings);
  return new TempoTraceSource(http, settings);
}

export function createTraceSources(
  config: TracingConfig,
  clusters: string[],
): Map<string, TraceSource> {
  const byBackend = new Map<string, TraceSource>();
  const sources = new Map<string, TraceSource>();
  for (const cluster of clusters) {
    const backend = config.byCluster.get(cluster) ?? config.defaultTracing;
    if (!backend) continue;
    const key = JSON.stringify(backend);
    const source = byBackend.get(key) ?? createTraceSource(backend);
    byBackend.set(key, source);
    sources.set(cluster, source);
  }
  return sources;
}
