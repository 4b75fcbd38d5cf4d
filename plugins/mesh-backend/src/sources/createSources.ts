/*
 * Chooses the data sources from config: the embedded demo (only with `mesh.demo.enabled: true`,
 * never implicitly), live clusters from the Kubernetes plugin's config (watch caches) and snapshot
 * clusters (manifest dumps), presented as one inventory; Istio metrics from the Prometheus-API
 * stores configured per cluster or globally.
 */
import {
  CacheService,
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  assertDistinctIstioClusterIds,
  LiveClusterConfig,
  SnapshotClusterConfig,
} from '../config/clusterConfig';
import { MeshConfig } from '../config/readMeshConfig';
import { displayUrlOf, HttpSourceOptions } from './http/httpJson';
import { CompositeInventorySource } from './CompositeInventorySource';
import { DemoInventorySource } from './demo/DemoInventorySource';
import { DemoMesh } from './demo/DemoMesh';
import { DemoTelemetrySource } from './demo/DemoTelemetrySource';
import { DemoTraceSource } from './demo/DemoTraceSource';
import { createClusterCredentials } from './kubernetes/clusterCredentials';
import { KubernetesInventorySource } from './kubernetes/KubernetesInventorySource';
import { MeshModel } from './model/MeshModel';
import { createTelemetrySources } from './prometheus/createTelemetrySources';
import { createTraceSources } from './tracing/createTraceSources';
import { SnapshotInventorySource } from './snapshot/SnapshotInventorySource';
import {
  ClusterInventorySource,
  MeshSources,
  TelemetrySource,
  TraceSource,
} from './types';

export interface SourceServices {
  logger: LoggerService;
  lifecycle?: LifecycleService;
  /** Backstage's cache: Prometheus results are kept there briefly (see prometheus/QueryCache). */
  cache?: CacheService;
  /** Refreshes the mesh model (model/MeshModel); without it every request queries Prometheus. */
  scheduler?: SchedulerService;
  metrics?: MetricsService;
}

export function createSources(
  config: MeshConfig,
  { logger, lifecycle, cache, scheduler, metrics }: SourceServices,
): MeshSources {
  const model =
    scheduler && config.telemetry.model.enabled
      ? new MeshModel({ config: config.telemetry.model, cache, logger })
      : undefined;
  const inventories: ClusterInventorySource[] = [];
  const telemetry = new Map<string, TelemetrySource>();
  const traces = new Map<string, TraceSource>();

  if (config.demo.enabled) {
    const mesh = new DemoMesh();
    assertDistinctIstioClusterIds([
      {
        name: mesh.model.clusterName,
        istioClusterId: mesh.model.istioClusterId,
      },
      ...config.clusters.clusters,
    ]);
    for (const warning of mesh.warnings)
      logger.warn(`demo mesh config: ${warning}`);
    logger.info(
      `Serving the embedded demo mesh: ${mesh.workloads.length} workloads, ${mesh.series.length} metric series`,
    );
    inventories.push(new DemoInventorySource(mesh));
    // With mesh.demo.prometheus the demo is read through a real Prometheus that scrapes it
    // (see sources/demo/DemoMetricsServer); otherwise its series are read in-process.
    const demoStore = config.telemetry.demoPrometheus;
    const demoTelemetry = demoStore
      ? createTelemetrySources(
          {
            ...config.telemetry,
            byCluster: new Map([[mesh.model.clusterName, demoStore]]),
          },
          [mesh.model.clusterName],
          cache,
          model,
        ).get(mesh.model.clusterName)!
      : new DemoTelemetrySource(mesh);
    telemetry.set(mesh.model.clusterName, demoTelemetry);
    traces.set(mesh.model.clusterName, new DemoTraceSource(mesh));
  }

  const {
    clusters,
    warnings,
    resyncSeconds,
    initialSyncTimeoutSeconds,
    settleSeconds,
    requestLimits,
    strategyConfig,
  } = config.clusters;
  for (const warning of warnings) logger.warn(`mesh: ${warning}`);
  const live = clusters.filter(
    (c): c is LiveClusterConfig => c.source === 'kubernetes',
  );
  if (live.length > 0) {
    const source = new KubernetesInventorySource({
      clusters: live,
      logger,
      resyncSeconds,
      initialSyncTimeoutSeconds,
      settleSeconds,
      requestLimits,
      credentials: createClusterCredentials(live, {
        config: strategyConfig,
        logger,
      }),
    }).start();
    lifecycle?.addShutdownHook(() => source.stop());
    inventories.push(source);
    logger.info(
      `mesh: watching ${live.length} live cluster(s): ${live
        .map(c => c.name)
        .join(', ')}`,
    );
  }
  const snapshots = clusters.filter(
    (c): c is SnapshotClusterConfig => c.source === 'snapshot',
  );
  if (snapshots.length > 0)
    inventories.push(new SnapshotInventorySource(snapshots, logger));

  const configured = clusters.map(c => c.name);
  for (const [cluster, source] of createTelemetrySources(
    config.telemetry,
    configured,
    cache,
    model,
  ))
    telemetry.set(cluster, source);
  if (model && scheduler)
    model
      .schedule(scheduler, metrics)
      .catch(error =>
        logger.error(
          `mesh: scheduling the mesh model refresh failed: ${error.message}`,
        ),
      );
  for (const [cluster, source] of createTraceSources(
    config.tracing,
    configured,
  ))
    traces.set(cluster, source);
  warnUnverifiedStores(config, logger);
  const withoutTelemetry = configured.filter(c => !telemetry.has(c));
  if (withoutTelemetry.length > 0) {
    logger.warn(
      `mesh: no Prometheus configured for ${withoutTelemetry.join(
        ', ',
      )} (mesh.prometheus or mesh.clusters[].prometheus): graphs will have no traffic`,
    );
  }

  if (inventories.length === 0) {
    logger.warn(
      'mesh: no cluster is configured (kubernetes.clusterLocatorMethods or mesh.clusters): every response will say NOT_CONFIGURED',
    );
  }
  return {
    inventory: new CompositeInventorySource(inventories),
    telemetryFor: cluster => telemetry.get(cluster),
    tracesFor: cluster => traces.get(cluster),
    ...(model && { prepareSnapshots: prepare => model.prepareWith(prepare) }),
  };
}

/** Stores whose certificates are not verified (skipTLSVerify), once each at startup. */
function warnUnverifiedStores(config: MeshConfig, logger: LoggerService) {
  const { telemetry, tracing } = config;
  const stores: Array<HttpSourceOptions | undefined> = [
    telemetry.defaultPrometheus,
    telemetry.demoPrometheus,
    ...telemetry.byCluster.values(),
    tracing.defaultTracing?.http,
    ...[...tracing.byCluster.values()].map(t => t.http),
  ];
  const unverified = new Set(
    stores
      .filter(s => s?.tls?.skipTLSVerify)
      .map(s => displayUrlOf(new URL(s!.url))),
  );
  for (const url of unverified)
    logger.warn(
      `mesh: TLS certificate verification is turned off for ${url} (skipTLSVerify)`,
    );
}
