/*
 * A mesh backend wired to real local HTTP peers for every kind of data source, so tests can see
 * exactly what the backend sends to the systems behind it and how it copes when they misbehave:
 * - cluster `east`: the Kubernetes API TEST DOUBLE (__testUtils__/kubeApi, HTTPS + bearer token);
 * - its Prometheus and its tracing backend (Jaeger, Tempo or Zipkin): TEST DOUBLES that record
 *   every request and answer like the real APIs (by default: a fixed traffic sample, no traces);
 * - optionally the embedded demo cluster `demo` beside it (its sources are in-process);
 * - catalog and permissions: __testUtils__/policyBackend's doubles (everything readable by default).
 * Any of the peers can be replaced by a URL (a misbehaving server, a closed port).
 */
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { startTestServer, TestServer } from '../../__testUtils__/httpServer';
import { KubeApiTestServer } from '../../__testUtils__/kubeApi/KubeApiTestServer';
import { simulateNamespace } from '../../__testUtils__/kubeApi/simulateCluster';
import {
  AccessRules,
  PolicyBackendOptions,
  startPolicyBackend,
} from '../../__testUtils__/policyBackend';

export const KUBE_TOKEN = 'SECRET-kube-token-eyJhbGciOiJSUzI1NiJ9';
export const PROMETHEUS_TOKEN = 'SECRET-prometheus-token';
export const TRACING_PASSWORD = 'SECRET-tracing-password';

export type TracingType = 'jaeger' | 'tempo' | 'zipkin';

const deployment = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name, image: `${name}:1` }] },
    },
  },
});
const service = (name: string, selector: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector, ports: [{ name: 'http', port: 8080 }] },
});

/** Namespace `shop` of cluster `east`: web → api, plus whatever workloads a test adds. */
export function shopObjects(extra: unknown[] = []): unknown[] {
  return simulateNamespace(
    { name: 'shop', labels: { 'istio-injection': 'enabled' } },
    [
      deployment('web', { app: 'web' }),
      deployment('api', { app: 'api' }),
      service('web', { app: 'web' }),
      service('api', { app: 'api' }),
      ...extra,
    ],
  );
}
export { deployment, service };

export const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/shop-team',
    lifecycle: 'production',
  },
});

export const shopEntities = (): Entity[] => [
  component('web', {
    'backstage.io/kubernetes-id': 'web',
    'backstage.io/kubernetes-namespace': 'shop',
  }),
  component('api', {
    'backstage.io/kubernetes-id': 'api',
    'backstage.io/kubernetes-namespace': 'shop',
  }),
];

/** One Istio request series web → api as Prometheus returns it for the graph's request query. */
export const webToApi = (destination = 'api') => ({
  metric: {
    reporter: 'destination',
    source_cluster: 'Kubernetes',
    source_workload: 'web',
    source_workload_namespace: 'shop',
    source_canonical_service: 'web',
    destination_cluster: 'Kubernetes',
    destination_workload: destination,
    destination_workload_namespace: 'shop',
    destination_canonical_service: destination,
    destination_service_name: destination,
    destination_service_namespace: 'shop',
    request_protocol: 'http',
    response_code: '200',
    connection_security_policy: 'mutual_tls',
  },
  value: [0, '5'],
});

/** PromQL of every request a Prometheus double received. */
export const promqlOf = (server: TestServer) =>
  server.requests.map(r => new URLSearchParams(r.body).get('query') ?? '');

/** TEST DOUBLE of Prometheus' query API: the given series for request-rate queries, nothing else. */
export function startPrometheusDouble(
  series: unknown[] = [webToApi()],
): Promise<TestServer> {
  return startTestServer((req, res, body) => {
    const query = new URLSearchParams(body).get('query') ?? '';
    const range = (req.url ?? '').includes('query_range');
    const result =
      !range && /^\(?sum by \(.*istio_requests_total/.test(query) ? series : [];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'success',
        data: { resultType: range ? 'matrix' : 'vector', result },
      }),
    );
  });
}

/** TEST DOUBLE of a tracing backend's query API that knows no traces (every request is recorded). */
export function startTracingDouble(type: TracingType): Promise<TestServer> {
  const empty: Record<TracingType, unknown> = {
    jaeger: { data: [] },
    tempo: { traces: [], tagValues: [] },
    zipkin: [],
  };
  return startTestServer((req, res) => {
    const isTrace = /\/api\/(traces|v2\/trace)\/[0-9a-f]+$/.test(
      (req.url ?? '').split('?')[0],
    );
    res.writeHead(isTrace ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        isTrace
          ? { errors: [{ code: 404, msg: 'trace not found' }] }
          : empty[type],
      ),
    );
  });
}

export interface MeshEnvironmentOptions {
  tracing?: TracingType;
  /** Objects of cluster `east` (default shopObjects()). */
  clusterObjects?: unknown[];
  entities?: Entity[];
  rules?: AccessRules;
  /** Also serve the embedded demo cluster `demo`. */
  demo?: boolean;
  /** Replace a peer by another URL (a misbehaving server). */
  kubeUrl?: string;
  prometheusUrl?: string;
  tracingUrl?: string;
  prometheusSeries?: unknown[];
  /** Timeouts of the HTTP sources (Prometheus, tracing). */
  timeoutSeconds?: number;
  /** Timeouts of the Kubernetes API: its requests and the wait for the first sync (default 10). */
  kubeTimeoutSeconds?: number;
  /** Size guard of the HTTP sources. */
  maxResponseBytes?: number;
  config?: JsonObject;
  /** Passed on to the test backend (a recording logger or auditor). */
  backend?: Pick<PolicyBackendOptions, 'features' | 'auditor'>;
}

/** Options that put `url` in place of one source of cluster `east` (tracing through Tempo unless that is the source). */
export function peerOptions(
  source: 'kubernetes' | 'prometheus' | TracingType,
  url: string,
): MeshEnvironmentOptions {
  if (source === 'kubernetes') return { kubeUrl: url, tracing: 'tempo' };
  if (source === 'prometheus') return { prometheusUrl: url, tracing: 'tempo' };
  return { tracingUrl: url, tracing: source };
}

export interface MeshEnvironment {
  server: Awaited<ReturnType<typeof startPolicyBackend>>;
  kube: KubeApiTestServer;
  prometheus: TestServer;
  tracing: TestServer;
  close(): Promise<void>;
}

export async function startMeshEnvironment(
  options: MeshEnvironmentOptions = {},
): Promise<MeshEnvironment> {
  const kube = await new KubeApiTestServer({ token: KUBE_TOKEN }).start();
  kube.apply(...(options.clusterObjects ?? shopObjects()));
  const prometheus = await startPrometheusDouble(options.prometheusSeries);
  const tracing = await startTracingDouble(options.tracing ?? 'tempo');
  const timeoutSeconds = options.timeoutSeconds ?? 5;
  const guards = {
    timeoutSeconds,
    ...(options.maxResponseBytes
      ? { maxResponseBytes: options.maxResponseBytes }
      : {}),
  };
  const cluster = {
    name: 'east',
    url: options.kubeUrl ?? kube.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: KUBE_TOKEN,
    caData: kube.caData!,
  };
  const server = await startPolicyBackend({
    entities: options.entities ?? shopEntities(),
    rules: options.rules ?? { readable: () => true },
    ...options.backend,
    config: {
      kubernetes: {
        clusterLocatorMethods: [{ type: 'config', clusters: [cluster] }],
      },
      mesh: {
        demo: { enabled: options.demo ?? false },
        kubernetes: {
          initialSyncTimeoutSeconds: options.kubeTimeoutSeconds ?? 10,
          requestTimeoutSeconds: options.kubeTimeoutSeconds ?? 10,
          ...(options.maxResponseBytes
            ? { maxResponseBytes: options.maxResponseBytes }
            : {}),
        },
        telemetry: { alignSeconds: 0 },
        prometheus: {
          url: options.prometheusUrl ?? prometheus.url,
          ...guards,
          bearerToken: PROMETHEUS_TOKEN,
        },
        tracing: {
          type: options.tracing ?? 'tempo',
          url: options.tracingUrl ?? tracing.url,
          ...guards,
          basicAuth: { username: 'mesh', password: TRACING_PASSWORD },
        },
      },
      ...options.config,
    },
  });
  return {
    server,
    kube,
    prometheus,
    tracing,
    close: async () => {
      await Promise.all([kube.stop(), prometheus.close(), tracing.close()]);
    },
  };
}
