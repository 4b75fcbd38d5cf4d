/*
 * Where each cluster's traces live. One tracing backend (Jaeger, Tempo or Zipkin) often serves
 * every cluster: `mesh.tracing` is the default, `mesh.clusters[].tracing` overrides it per cluster.
 * URLs are checked like the Prometheus ones (http/https, no userinfo); credentials are secrets
 * (config.d.ts) and only travel in request headers. `uiUrl` is the backend's own UI, for links.
 */
import { Config } from '@backstage/config';
import { TRACING_SERVICE_ANNOTATION } from '@mesh-portal/plugin-mesh-common';
import { HttpSourceOptions } from '../sources/http/httpJson';
import { TempoSearchMode } from '../sources/tracing/tempo/tempoSearch';
import { TracingBackendType } from '../sources/tracing/TracingHttpClient';
import { TraceWebLinks } from '../sources/tracing/traceWebLinks';
import { readPerCluster } from './perCluster';
import { readHttpSourceOptions } from './telemetryConfig';

export interface TracingBackendConfig {
  type: TracingBackendType;
  http: HttpSourceOptions;
  /** Links to traces in the backend's UI, when `uiUrl` is configured. */
  webLinks?: TraceWebLinks;
  /** Tempo only: TraceQL (Tempo ≥ 2.0, the default) or the older logfmt tag search. */
  searchMode?: TempoSearchMode;
  /** Entity annotation that overrides the tracing service names for this backend. */
  serviceNameAnnotation: string;
}

export interface TracingConfig {
  /** Backend for clusters without their own. */
  defaultTracing?: TracingBackendConfig;
  /** Per-cluster backends, by cluster name. */
  byCluster: Map<string, TracingBackendConfig>;
}

const TYPES: TracingBackendType[] = ['jaeger', 'tempo', 'zipkin'];
const SEARCH_MODES: TempoSearchMode[] = ['traceql', 'tags'];
// A Kubernetes-style annotation key: optional DNS prefix, then a name.
const ANNOTATION_KEY =
  /^(?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export function readTracingBackend(
  c: Config,
  where: string,
): TracingBackendConfig {
  const type = c.getString('type') as TracingBackendType;
  if (!TYPES.includes(type))
    throw new Error(`${where}.type must be one of ${TYPES.join(', ')}`);
  const searchMode = c.getOptionalString('searchMode') as
    | TempoSearchMode
    | undefined;
  if (searchMode !== undefined && type !== 'tempo')
    throw new Error(`${where}.searchMode applies to type tempo only`);
  if (searchMode !== undefined && !SEARCH_MODES.includes(searchMode)) {
    throw new Error(
      `${where}.searchMode must be one of ${SEARCH_MODES.join(', ')}`,
    );
  }
  const serviceNameAnnotation =
    c.getOptionalString('serviceNameAnnotation') ?? TRACING_SERVICE_ANNOTATION;
  if (!ANNOTATION_KEY.test(serviceNameAnnotation))
    throw new Error(
      `${where}.serviceNameAnnotation is not a valid annotation key`,
    );
  const uiUrl = c.getOptionalString('uiUrl');
  return {
    type,
    // Same URL, timeout, size and credential keys as a Prometheus store, read by the same rules.
    http: readHttpSourceOptions(c, where),
    ...(uiUrl
      ? { webLinks: TraceWebLinks.fromConfig(type, uiUrl, `${where}.uiUrl`) }
      : {}),
    ...(searchMode ? { searchMode } : {}),
    serviceNameAnnotation,
  };
}

export function readTracingConfig(config: Config): TracingConfig {
  const { defaultValue, byCluster } = readPerCluster(
    config.getOptionalConfig('mesh'),
    'tracing',
    readTracingBackend,
  );
  return { defaultTracing: defaultValue, byCluster };
}
