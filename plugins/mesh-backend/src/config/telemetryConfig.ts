/*
 * Where each cluster's Istio metrics live. One Prometheus-HTTP-API store (Prometheus, Thanos,
 * Mimir) often serves every cluster: `mesh.prometheus` is the default, `mesh.clusters[].prometheus`
 * overrides it per cluster, and `mesh.demo.prometheus` makes the embedded demo read its own metrics
 * through a Prometheus that scrapes it. Credentials are secrets (config.d.ts) and only ever travel
 * in request headers; managed services' credentials (`auth`) are read in ./storeAuthConfig.
 */
import { Config } from '@backstage/config';
import { parseWindow } from '@mesh-portal/plugin-mesh-common';
import { PrometheusClientOptions } from '../sources/prometheus/PrometheusClient';
import { readPerCluster } from './perCluster';
import { storeAuthReader } from './storeAuthConfig';
import { readStoreTls } from './storeTlsConfig';

/** A Prometheus store: how to reach it, and which of Istio's series it holds. */
export interface PrometheusStoreOptions extends PrometheusClientOptions {
  /** It records Istio's workload-level aggregation rules: read `workload:<metric>` (../telemetry/istioMetrics). */
  workloadRecordingRules?: boolean;
}

export interface TelemetryConfig {
  /** Default store for clusters without their own. */
  defaultPrometheus?: PrometheusStoreOptions;
  /** Per-cluster stores, by cluster name. */
  byCluster: Map<string, PrometheusStoreOptions>;
  /** Store the embedded demo is read through, instead of in-process. */
  demoPrometheus?: PrometheusStoreOptions;
  /** Evaluation times are aligned to this step so concurrent requests share queries. */
  alignSeconds: number;
  /** The mesh model: mesh-wide traffic of canonical windows refreshed in the background. */
  model: TrafficModelConfig;
}

/** `mesh.telemetry.model` (see ../sources/model). */
export interface TrafficModelConfig {
  enabled: boolean;
  /** How often one replica refreshes every window of every store. */
  refreshSeconds: number;
  /** The canonical windows, in seconds: requests for other windows query on demand. */
  windowsSeconds: number[];
  /** How long a window other than the UI's defaults may go unread before its refreshes stop; 0: never. */
  idleAfterSeconds: number;
}

/** `mesh.telemetry.model.windows` when not configured. */
export const DEFAULT_MODEL_WINDOWS = ['1m', '5m', '10m', '1h'];

function readModelConfig(mesh: Config | undefined): TrafficModelConfig {
  const c = mesh?.getOptionalConfig('telemetry.model');
  const refreshSeconds = c?.getOptionalNumber('refreshSeconds') ?? 30;
  if (!(refreshSeconds >= 1))
    throw new Error('mesh.telemetry.model.refreshSeconds must be at least 1');
  const idleAfterMinutes = c?.getOptionalNumber('idleAfterMinutes') ?? 15;
  if (!(idleAfterMinutes >= 0))
    throw new Error('mesh.telemetry.model.idleAfterMinutes must be 0 or more');
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    refreshSeconds,
    windowsSeconds: modelWindowsSeconds(
      c?.getOptionalStringArray('windows') ?? DEFAULT_MODEL_WINDOWS,
    ),
    idleAfterSeconds: idleAfterMinutes * 60,
  };
}

/** `mesh.telemetry.model.windows` in seconds, each once; throws on a window that does not parse. */
export function modelWindowsSeconds(windows: string[]): number[] {
  const windowsSeconds = windows.map(w => {
    const parsed = parseWindow(w);
    if ('error' in parsed)
      throw new Error(`mesh.telemetry.model.windows: ${parsed.error}`);
    return parsed.seconds;
  });
  return [...new Set(windowsSeconds)];
}

/** URL, timeout, size limit and credentials of an HTTP data source (Prometheus, tracing backends). */
export function readHttpSourceOptions(
  c: Config,
  where: string,
): PrometheusClientOptions {
  const url = c.getString('url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where}.url is not a valid URL`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol))
    throw new Error(`${where}.url must be http or https`);
  if (parsed.username || parsed.password) {
    throw new Error(
      `${where}.url must not contain credentials; use ${where}.basicAuth or ${where}.bearerToken`,
    );
  }
  const tls = readStoreTls(c, where, parsed);
  const timeoutSeconds = c.getOptionalNumber('timeoutSeconds');
  const headers = c.getOptionalConfig('headers');
  return {
    url,
    ...(timeoutSeconds !== undefined
      ? { timeoutMs: timeoutSeconds * 1000 }
      : {}),
    ...(c.has('maxResponseBytes')
      ? { maxResponseBytes: c.getNumber('maxResponseBytes') }
      : {}),
    ...(c.has('maxStreamedResponseBytes')
      ? { maxStreamedResponseBytes: c.getNumber('maxStreamedResponseBytes') }
      : {}),
    ...(c.has('bearerToken')
      ? { bearerToken: c.getString('bearerToken') }
      : {}),
    ...(c.has('basicAuth')
      ? {
          basicAuth: {
            username: c.getString('basicAuth.username'),
            password: c.getString('basicAuth.password'),
          },
        }
      : {}),
    ...(tls ? { tls } : {}),
    ...(headers
      ? {
          headers: Object.fromEntries(
            headers.keys().map(k => [k, headers.getString(k)]),
          ),
        }
      : {}),
  };
}

export function readTelemetryConfig(config: Config): TelemetryConfig {
  const mesh = config.getOptionalConfig('mesh');
  const readAuth = storeAuthReader(config);
  const readStore = (c: Config, where: string): PrometheusStoreOptions => {
    const auth = readAuth(c, where);
    return {
      ...readHttpSourceOptions(c, where),
      ...(auth ? { auth } : {}),
      ...(c.getOptionalBoolean('workloadRecordingRules')
        ? { workloadRecordingRules: true }
        : {}),
    };
  };
  const { defaultValue, byCluster } = readPerCluster(
    mesh,
    'prometheus',
    readStore,
  );
  const demo = mesh?.getOptionalConfig('demo.prometheus');
  return {
    defaultPrometheus: defaultValue,
    byCluster,
    demoPrometheus: demo ? readStore(demo, 'mesh.demo.prometheus') : undefined,
    alignSeconds: mesh?.getOptionalNumber('telemetry.alignSeconds') ?? 5,
    model: readModelConfig(mesh),
  };
}
