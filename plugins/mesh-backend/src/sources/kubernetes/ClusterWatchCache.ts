/*
 * The in-memory state of one live cluster: discovers which mesh resources the cluster serves (and
 * in which version), runs one ResourceWatcher per resource and assembles ClusterObjects for
 * requests. Requests never call the API server; they read the watchers' stores. Discovery is
 * repeated at every resync, so CRDs installed later (Gateway API, Istio) are picked up.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import type * as k8s from '@kubernetes/client-node';
import { LiveClusterConfig } from '../../config/clusterConfig';
import { MESH_CONFIG_MAP_NAME } from '../../kube/meshConfig';
import { ClusterObjects } from '../../kube/types';
import { SourceResult } from '../types';
import { Backoff, BackoffSettings } from './backoff';
import { ClusterCredential } from './clusterCredentials';
import { mergeClusterErrors, statusOf, toClusterError } from './kubeErrors';
import {
  authProviderOf,
  KubernetesClientModule,
  kubeConfigFor,
  secretsOf,
} from './kubeConfigFor';
import {
  KubeRequestLimits,
  DEFAULT_KUBE_REQUEST_LIMITS,
  withPooledAgent,
  withRequestLimits,
} from './requestLimits';
import { Assembled, assembleObjects } from './assembleObjects';
import { ListRaw, listRawWith } from './listRaw';
import { ListPage, ResourceWatcher } from './ResourceWatcher';
import {
  apiVersionOf,
  collectionPath,
  MESH_CONFIG_MAP,
  resourceLabel,
  WATCHED_RESOURCES,
  WatchedResource,
} from './watchedResources';

export interface ClusterWatchCacheOptions {
  cluster: LiveClusterConfig;
  client: Promise<KubernetesClientModule>;
  logger: LoggerService;
  resyncMs: number;
  initialSyncTimeoutMs: number;
  backoff: BackoffSettings;
  pageSize?: number;
  /** Size and time limits of discovery and list requests (./requestLimits). */
  requestLimits?: KubeRequestLimits;
  /** The cluster's cloud credential (auth providers aws, googleServiceAccount, azure). */
  credential?: ClusterCredential;
  /** A new state of the objects at most this often (`mesh.kubernetes.settleSeconds`); 0: every change at once. */
  settleMs?: number;
}

interface Discovered {
  resource: WatchedResource;
  version: string;
  namespace?: string;
  fieldSelector?: string;
}

export class ClusterWatchCache {
  private readonly watchers = new Map<
    string,
    { resource: WatchedResource; watcher: ResourceWatcher }
  >();
  private readonly secrets: string[];
  private readonly backoff: Backoff;
  private discoveryError: unknown;
  /** Resolves after the first discovery attempt, successful or not. */
  private readonly firstDiscovery: Promise<void>;
  private firstDiscoveryDone!: () => void;
  /** Whether the first discovery attempt has finished (a hanging API server never finishes it). */
  private discoveryAttempted = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private assembled?: Assembled;
  /** When the current state was assembled, and whether every resource was listed by then. */
  private assembledAt = 0;
  private assembledComplete = false;

  constructor(private readonly options: ClusterWatchCacheOptions) {
    this.secrets = secretsOf(options.cluster);
    this.backoff = new Backoff(options.backoff.baseMs, options.backoff.maxMs);
    this.firstDiscovery = new Promise(resolve => {
      this.firstDiscoveryDone = resolve;
    });
    void this.firstDiscovery.then(() => {
      this.discoveryAttempted = true;
    });
  }

  get name(): string {
    return this.options.cluster.name;
  }

  start(): void {
    void this.discoverLoop().finally(() => this.firstDiscoveryDone());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const { watcher } of this.watchers.values()) watcher.stop();
  }

  async getObjects(): Promise<SourceResult<ClusterObjects>> {
    await this.untilInitialSync();
    const failures: Array<{ what: string; error: unknown }> = [];
    if (this.discoveryError !== undefined)
      failures.push({ what: 'API discovery', error: this.discoveryError });
    const loading: string[] = [];
    for (const { resource, watcher } of this.watchers.values()) {
      if (watcher.error !== undefined)
        failures.push({ what: resourceLabel(resource), error: watcher.error });
      else if (!watcher.syncedAt) loading.push(resourceLabel(resource));
    }
    const errors = mergeClusterErrors(
      this.name,
      failures,
      this.secrets,
      authProviderOf(this.options.cluster),
    );
    if (!this.discoveryAttempted) {
      errors.push({
        source: 'inventory',
        errorType: 'TIMEOUT',
        cluster: this.name,
        message: `Cluster '${this.name}', API discovery: the API server did not answer within ${this.options.initialSyncTimeoutMs} ms`,
      });
    }
    if (loading.length > 0) {
      errors.push({
        source: 'inventory',
        errorType: 'TIMEOUT',
        cluster: this.name,
        message: `Cluster '${this.name}', ${loading.join(
          ', ',
        )}: still loading (first list not finished)`,
      });
    }
    return { value: this.assemble(loading.length === 0), errors };
  }

  /** Waits (bounded) for discovery and the first list of every resource, so early requests see data. */
  private async untilInitialSync(): Promise<void> {
    const all = (async () => {
      await this.firstDiscovery;
      await Promise.all(
        [...this.watchers.values()].map(w => w.watcher.initialSync),
      );
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>(resolve => {
      timer = setTimeout(resolve, this.options.initialSyncTimeoutMs);
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }

  /**
   * The cluster's objects, a new state at most once per `settleMs` once every resource is listed:
   * a cluster changes pods every few seconds, and each new state makes mesh-wide answers be
   * computed again (docs/design-decisions.md, "A changing cluster"). The first change after a quiet
   * interval is taken at once.
   */
  private assemble(synced: boolean): ClusterObjects {
    const now = Date.now();
    if (
      synced &&
      this.assembled &&
      this.assembledComplete &&
      now - this.assembledAt < (this.options.settleMs ?? 0)
    )
      return this.assembled.objects;
    const next = assembleObjects(
      [...this.watchers.values()],
      this.options.cluster.istioRootNamespace,
      this.assembled,
    );
    if (next !== this.assembled) this.assembledAt = now;
    this.assembled = next;
    this.assembledComplete = synced;
    return next.objects;
  }

  private async discoverLoop(): Promise<void> {
    const client = await this.options.client;
    const { cluster, credential } = this.options;
    let kc: k8s.KubeConfig;
    try {
      kc = kubeConfigFor(client, cluster, credential);
    } catch (error) {
      // A configuration problem (unsupported auth, unreadable kubeconfig) does not heal by retrying.
      this.discoveryError = error;
      this.options.logger.warn(this.error(error, 'configuration').message);
      this.firstDiscoveryDone();
      return;
    }
    // Discovery and lists get size and time limits; watches (long-lived streams) do not. Both
    // pool their connections (./requestLimits).
    const limited = withRequestLimits(
      kubeConfigFor(client, cluster, credential),
      this.options.requestLimits ?? DEFAULT_KUBE_REQUEST_LIMITS,
    );
    const listRaw = listRawWith(client, limited);
    const watch = new client.Watch(withPooledAgent(kc));
    while (!this.stopped) {
      try {
        const found = await this.discover(client, limited);
        if (this.discoveryError !== undefined)
          this.options.logger.info(
            `mesh: cluster '${this.name}' is reachable again`,
          );
        this.discoveryError = undefined;
        this.backoff.reset();
        for (const d of found) this.ensureWatcher(d, listRaw, watch);
        this.firstDiscoveryDone();
        await this.sleep(this.options.resyncMs);
      } catch (error) {
        this.renewRefusedCredential(error);
        if (this.discoveryError === undefined)
          this.options.logger.warn(this.error(error, 'API discovery').message);
        this.discoveryError = error;
        this.firstDiscoveryDone();
        await this.sleep(this.backoff.next());
      }
    }
  }

  private async discover(client: KubernetesClientModule, kc: k8s.KubeConfig) {
    const groupList = await kc.makeApiClient(client.ApisApi).getAPIVersions();
    if (!Array.isArray(groupList?.groups))
      throw new SyntaxError(
        'the API server answered discovery with a document that is not an APIGroupList',
      );
    const groups = new Map(groupList.groups.map(g => [g.name, g]));
    const customObjects = kc.makeApiClient(client.CustomObjectsApi);
    const kindsByGroupVersion = new Map<string, Promise<string[]>>();
    const servesKind = (group: string, version: string, kind: string) => {
      const key = `${group}/${version}`;
      if (!kindsByGroupVersion.has(key)) {
        const list = customObjects.getAPIResources({ group, version });
        kindsByGroupVersion.set(
          key,
          list.then(l => l.resources.map(r => r.kind)),
        );
      }
      return kindsByGroupVersion.get(key)!.then(kinds => kinds.includes(kind));
    };
    const found: Discovered[] = [];
    for (const resource of WATCHED_RESOURCES) {
      const version = await servedVersion(resource, groups, servesKind);
      if (version) found.push({ resource, version });
    }
    found.push({
      resource: MESH_CONFIG_MAP,
      version: 'v1',
      namespace: this.options.cluster.istioRootNamespace,
      fieldSelector: `metadata.name=${MESH_CONFIG_MAP_NAME}`,
    });
    return found;
  }

  private ensureWatcher(
    d: Discovered,
    listRaw: ListRaw,
    watch: k8s.Watch,
  ): void {
    const label = resourceLabel(d.resource);
    if (this.watchers.has(label) || this.stopped) return;
    const watcher = new ResourceWatcher({
      listPage: listPageFor(d, listRaw),
      watch,
      apiVersion: apiVersionOf(d.resource.group, d.version),
      kind: d.resource.kind,
      path: collectionPath(
        d.resource.group,
        d.version,
        d.resource.plural,
        d.namespace,
      ),
      bucket: d.resource.bucket,
      fieldSelector: d.fieldSelector,
      resyncMs: this.options.resyncMs,
      backoff: new Backoff(
        this.options.backoff.baseMs,
        this.options.backoff.maxMs,
      ),
      pageSize: this.options.pageSize,
      onErrorChange: error =>
        error === undefined
          ? this.options.logger.info(
              `mesh: cluster '${this.name}', ${label}: watching again`,
            )
          : this.options.logger.warn(this.error(error, label).message),
      onError: error => this.renewRefusedCredential(error),
    });
    this.watchers.set(label, { resource: d.resource, watcher });
    watcher.start();
  }

  private error(error: unknown, what: string): MeshSourceError {
    return toClusterError(
      error,
      this.name,
      what,
      this.secrets,
      authProviderOf(this.options.cluster),
    );
  }

  /** A 401 means an expired or revoked token: the next attempt (after back-off) gets a new one. */
  private renewRefusedCredential(error: unknown): void {
    if (statusOf(error) === 401) this.options.credential?.invalidate();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      this.timer = setTimeout(resolve, ms);
    });
  }
}

/**
 * A resource's list pages, read raw (./listRaw): for built-in resources and CRDs alike, the
 * collection's URL with `limit`, `continue` and the field selector.
 */
function listPageFor(
  d: Discovered,
  listRaw: ListRaw,
): (limit: number, continueToken?: string) => Promise<ListPage> {
  const path = collectionPath(
    d.resource.group,
    d.version,
    d.resource.plural,
    d.namespace,
  );
  return async (limit, continueToken) => {
    const page = await listRaw(path, {
      limit,
      continue: continueToken,
      fieldSelector: d.fieldSelector,
    });
    return {
      items: page.items ?? [],
      resourceVersion: page.metadata?.resourceVersion ?? '',
      continueToken: page.metadata?.continue || undefined,
    };
  };
}

/** The version to read a resource in: the group's preferred one if it has the kind, else any served one. */
async function servedVersion(
  resource: WatchedResource,
  groups: Map<string, k8s.V1APIGroup>,
  servesKind: (
    group: string,
    version: string,
    kind: string,
  ) => Promise<boolean>,
): Promise<string | undefined> {
  if (!resource.group) return 'v1';
  const group = groups.get(resource.group);
  if (!group) return undefined; // CRDs not installed: normal (e.g. no Gateway API)
  const served = group.versions.map(v => v.version);
  const candidates = [
    group.preferredVersion?.version,
    ...resource.versions,
    ...served,
  ].filter(
    (v, i, all): v is string =>
      !!v && served.includes(v) && all.indexOf(v) === i,
  );
  for (const version of candidates) {
    if (await servesKind(resource.group, version, resource.kind))
      return version;
  }
  return undefined;
}
