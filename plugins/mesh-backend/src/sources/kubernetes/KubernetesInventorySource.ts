/*
 * Inventory of live clusters, served from per-cluster watch caches. Caches start with the plugin
 * and stop with the backend (see createSources); a cluster that is down or forbids a resource yields
 * typed errors for that cluster only.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { LiveClusterConfig } from '../../config/clusterConfig';
import { ClusterObjects } from '../../kube/types';
import { ClusterInfo, ClusterInventorySource, SourceResult } from '../types';
import { BackoffSettings, DEFAULT_BACKOFF } from './backoff';
import { ClusterWatchCache } from './ClusterWatchCache';
import { ClusterCredential } from './clusterCredentials';
import { KubernetesClientModule, loadKubernetesClient } from './kubeConfigFor';
import { KubeRequestLimits } from './requestLimits';
import { unknownCluster } from '../unknownCluster';

export interface KubernetesInventorySourceOptions {
  clusters: LiveClusterConfig[];
  logger: LoggerService;
  resyncSeconds: number;
  initialSyncTimeoutSeconds: number;
  backoff?: BackoffSettings;
  /** Objects per list page (default 500, as kubectl). */
  pageSize?: number;
  /** Size and time limits of discovery and list requests (./requestLimits). */
  requestLimits?: KubeRequestLimits;
  /** The client module; loaded on demand when not given. */
  client?: Promise<KubernetesClientModule>;
  /** Cloud credentials by cluster name (./clusterCredentials). */
  credentials?: Map<string, ClusterCredential>;
  /** A cluster's changes reach requests at most this late (./ClusterWatchCache); 0 by default. */
  settleSeconds?: number;
}

export class KubernetesInventorySource implements ClusterInventorySource {
  private readonly caches: Map<string, ClusterWatchCache>;
  private readonly infos: ClusterInfo[];

  constructor(options: KubernetesInventorySourceOptions) {
    const client = options.client ?? loadKubernetesClient();
    this.infos = options.clusters.map(c => ({
      name: c.name,
      istioClusterId: c.istioClusterId,
      kind: 'kubernetes',
    }));
    this.caches = new Map(
      options.clusters.map(cluster => [
        cluster.name,
        new ClusterWatchCache({
          cluster,
          client,
          logger: options.logger,
          resyncMs: options.resyncSeconds * 1000,
          initialSyncTimeoutMs: options.initialSyncTimeoutSeconds * 1000,
          backoff: options.backoff ?? DEFAULT_BACKOFF,
          pageSize: options.pageSize,
          requestLimits: options.requestLimits,
          credential: options.credentials?.get(cluster.name),
          settleMs: (options.settleSeconds ?? 0) * 1000,
        }),
      ]),
    );
  }

  /** Starts discovery and the watches of every cluster (returns at once; syncing runs in the background). */
  start(): this {
    for (const cache of this.caches.values()) cache.start();
    return this;
  }

  stop(): void {
    for (const cache of this.caches.values()) cache.stop();
  }

  listClusters(): ClusterInfo[] {
    return this.infos;
  }

  async getClusterObjects(
    cluster: string,
  ): Promise<SourceResult<ClusterObjects>> {
    const cache = this.caches.get(cluster);
    return cache ? cache.getObjects() : unknownCluster(cluster, 'live');
  }
}
