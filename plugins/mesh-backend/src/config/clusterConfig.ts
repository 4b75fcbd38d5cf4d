/*
 * Which clusters the mesh plugin reads, and how. Clusters come from the Kubernetes plugin's own
 * configuration (`kubernetes.clusterLocatorMethods`), so a Backstage that already shows Kubernetes
 * objects gets mesh views without repeating cluster URLs or tokens. `mesh.clusters` only adds what is
 * mesh-specific (Istio root namespace, which source to use, snapshot files); `mesh.kubeconfig` and
 * `mesh.inCluster` are for development. Read once at startup; errors name the offending key.
 */
import { Config } from '@backstage/config';
import { ClusterAuth, clusterAuth } from './clusterAuth';
import {
  DEFAULT_KUBE_REQUEST_LIMITS,
  KubeRequestLimits,
} from '../sources/kubernetes/requestLimits';

export type { ClusterAuth, CloudAuthProvider } from './clusterAuth';

export interface LiveClusterConfig {
  source: 'kubernetes';
  name: string;
  /** API server URL; absent for kubeconfig and in-cluster clusters, where it comes from there. */
  url?: string;
  auth: ClusterAuth;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  istioRootNamespace: string;
  istioClusterId: string;
}

export interface SnapshotClusterConfig {
  source: 'snapshot';
  name: string;
  /** A file or directory of manifests (multi-document YAML/JSON, `kind: List` dumps). */
  path: string;
  /** Namespace for namespaced objects that carry none (plain manifests, like `kubectl apply -n`). */
  defaultNamespace: string;
  istioRootNamespace: string;
  istioClusterId: string;
}

export type ClusterConfig = LiveClusterConfig | SnapshotClusterConfig;

export interface MeshClusterSettings {
  clusters: ClusterConfig[];
  /** Full re-list of every watched resource after this long, to heal any missed watch event. */
  resyncSeconds: number;
  /** How long a request waits for a cluster's first sync before answering with what it has. */
  initialSyncTimeoutSeconds: number;
  /** A cluster's changes reach the views at most this late: one new state per interval at most. */
  settleSeconds: number;
  /** Size and time limits of discovery and list requests to API servers (sources/kubernetes/requestLimits). */
  requestLimits: KubeRequestLimits;
  /** Things worth a startup warning (unsupported locators, TLS verification off). */
  warnings: string[];
  /**
   * The root config, handed to the Kubernetes plugin's auth strategies, which read their own keys
   * (`aws.*`, `kubernetes.googleServiceAccountCredentials`) exactly as in the Kubernetes plugin.
   */
  strategyConfig: Config;
}

const DEFAULT_ROOT_NAMESPACE = 'istio-system';
/** Istio's default cluster id (`values.global.multiCluster.clusterName` unset). */
const DEFAULT_ISTIO_CLUSTER_ID = 'Kubernetes';

export function readClusterConfig(config: Config): MeshClusterSettings {
  const warnings: string[] = [];
  const live = [
    ...kubernetesPluginClusters(config, warnings),
    ...developmentClusters(config),
  ];
  const meshClusters = config.getOptionalConfigArray('mesh.clusters') ?? [];
  const clusters: ClusterConfig[] = [];

  const byName = new Map(live.map(c => [c.name, c]));
  const seen = new Set<string>();
  for (const [i, c] of meshClusters.entries()) {
    const name = c.getString('name');
    if (seen.has(name))
      throw new Error(`mesh.clusters[${i}].name '${name}' is used twice`);
    seen.add(name);
    const source =
      c.getOptionalString('source') ??
      (c.has('snapshot') ? 'snapshot' : 'kubernetes');
    const istioRootNamespace =
      c.getOptionalString('istioRootNamespace') ?? DEFAULT_ROOT_NAMESPACE;
    const istioClusterId =
      c.getOptionalString('istioClusterId') ?? DEFAULT_ISTIO_CLUSTER_ID;
    if (source === 'snapshot') {
      clusters.push({
        source,
        name,
        path: c.getString('snapshot.path'),
        defaultNamespace:
          c.getOptionalString('snapshot.defaultNamespace') ?? 'default',
        istioRootNamespace,
        istioClusterId,
      });
    } else if (source === 'kubernetes') {
      const base = byName.get(name);
      if (!base) {
        throw new Error(
          `mesh.clusters[${i}] refers to cluster '${name}', which is not configured in kubernetes.clusterLocatorMethods, mesh.kubeconfig or mesh.inCluster`,
        );
      }
      // A cluster whose Kubernetes-plugin provider is per-user (google, oidc) gets a backend
      // credential for the mesh plugin only: same keys as the Kubernetes plugin's cluster entry.
      const authProvider = c.getOptionalString('authProvider');
      const auth = authProvider
        ? clusterAuth(
            authProvider,
            c.getOptionalString('serviceAccountToken'),
            c,
            {},
          )
        : base.auth;
      byName.set(name, { ...base, auth, istioRootNamespace, istioClusterId });
    } else {
      throw new Error(
        `mesh.clusters[${i}].source must be 'kubernetes' or 'snapshot', got '${source}'`,
      );
    }
  }
  const liveClusters = [...byName.values()];
  for (const c of liveClusters) {
    if (c.skipTLSVerify && !c.url?.startsWith('http://localhost'))
      warnings.push(
        `cluster '${c.name}': TLS certificate verification is turned off (skipTLSVerify)`,
      );
    if (c.auth.type === 'unsupported') {
      warnings.push(
        `cluster '${c.name}': ${c.auth.reason}; requests will report it`,
      );
    }
  }
  const all = [...liveClusters, ...clusters];
  const names = new Set<string>();
  for (const c of all) {
    if (names.has(c.name))
      throw new Error(
        `Cluster name '${c.name}' is configured twice for the mesh plugin`,
      );
    names.add(c.name);
  }
  assertDistinctIstioClusterIds(all);
  return {
    clusters: all,
    resyncSeconds:
      config.getOptionalNumber('mesh.kubernetes.resyncSeconds') ?? 600,
    initialSyncTimeoutSeconds:
      config.getOptionalNumber('mesh.kubernetes.initialSyncTimeoutSeconds') ??
      10,
    settleSeconds:
      config.getOptionalNumber('mesh.kubernetes.settleSeconds') ?? 30,
    requestLimits: {
      maxResponseBytes:
        config.getOptionalNumber('mesh.kubernetes.maxResponseBytes') ??
        DEFAULT_KUBE_REQUEST_LIMITS.maxResponseBytes,
      timeoutMs:
        (config.getOptionalNumber('mesh.kubernetes.requestTimeoutSeconds') ??
          DEFAULT_KUBE_REQUEST_LIMITS.timeoutMs / 1000) * 1000,
    },
    warnings,
    strategyConfig: config,
  };
}

/**
 * Traffic series name their cluster by Istio's cluster id only (`source_cluster`,
 * `destination_cluster`): two clusters with one id (Istio's default `Kubernetes` for every
 * single-cluster install) cannot be told apart, and one's traffic would be shown as the other's.
 */
export function assertDistinctIstioClusterIds(
  clusters: Array<{ name: string; istioClusterId: string }>,
): void {
  const byId = new Map<string, string>();
  for (const c of clusters) {
    const other = byId.get(c.istioClusterId);
    if (other !== undefined)
      throw new Error(
        `Mesh clusters '${other}' and '${c.name}' have the same Istio cluster id '${c.istioClusterId}', so their traffic could not be told apart: set mesh.clusters[].istioClusterId for each to the cluster's Istio cluster id (values.global.multiCluster.clusterName)`,
      );
    byId.set(c.istioClusterId, c.name);
  }
}

/** `type: config` (and `localKubectlProxy`) locators of the Kubernetes plugin. */
function kubernetesPluginClusters(
  config: Config,
  warnings: string[],
): LiveClusterConfig[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.flatMap((method, m) => {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      // kubectl proxy speaks plain HTTP on loopback; the client only allows that with skipTLSVerify.
      return [
        liveCluster('local', {
          url: 'http://localhost:8001',
          auth: { type: 'none' },
          skipTLSVerify: true,
        }),
      ];
    }
    if (type !== 'config') {
      warnings.push(
        `kubernetes.clusterLocatorMethods[${m}]: type '${type}' is not read by the mesh plugin (only 'config' and 'localKubectlProxy')`,
      );
      return [];
    }
    return (method.getOptionalConfigArray('clusters') ?? []).map(c => {
      // Newer Kubernetes plugin versions move the provider and token into `authMetadata`.
      // (Config paths split on dots, so the dotted key is read from the whole object.)
      const authMetadata =
        c.getOptional<Record<string, string>>('authMetadata') ?? {};
      const provider =
        c.getOptionalString('authProvider') ??
        authMetadata['kubernetes.io/auth-provider'] ??
        'serviceAccount';
      const token =
        c.getOptionalString('serviceAccountToken') ??
        authMetadata.serviceAccountToken;
      const auth = clusterAuth(provider, token, c, authMetadata);
      return liveCluster(c.getString('name'), {
        url: c.getString('url'),
        auth,
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      });
    });
  });
}

function developmentClusters(config: Config): LiveClusterConfig[] {
  const clusters: LiveClusterConfig[] = [];
  const kubeconfig = config.getOptionalConfig('mesh.kubeconfig');
  if (kubeconfig) {
    const context = kubeconfig.getOptionalString('context');
    const name =
      kubeconfig.getOptionalString('name') ?? context ?? 'kubeconfig';
    clusters.push(
      liveCluster(name, {
        auth: {
          type: 'kubeconfig',
          path: kubeconfig.getOptionalString('path'),
          context,
        },
      }),
    );
  }
  const inCluster = config.getOptionalConfig('mesh.inCluster');
  if (inCluster) {
    clusters.push(
      liveCluster(inCluster.getOptionalString('name') ?? 'in-cluster', {
        auth: { type: 'inCluster' },
      }),
    );
  }
  return clusters;
}

function liveCluster(
  name: string,
  fields: Partial<LiveClusterConfig> & Pick<LiveClusterConfig, 'auth'>,
): LiveClusterConfig {
  return {
    source: 'kubernetes',
    name,
    skipTLSVerify: false,
    istioRootNamespace: DEFAULT_ROOT_NAMESPACE,
    istioClusterId: DEFAULT_ISTIO_CLUSTER_ID,
    ...fields,
  };
}
