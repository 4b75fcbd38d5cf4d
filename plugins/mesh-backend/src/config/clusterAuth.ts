/*
 * How the mesh backend authenticates to a live cluster, from the Kubernetes plugin's cluster keys
 * (`authProvider`, `serviceAccountToken`, `assumeRole`, `externalId`, `authMetadata`) or the mesh
 * plugin's own override in `mesh.clusters[]` (for clusters whose Kubernetes-plugin provider signs
 * in each user from the browser).
 */
import { Config } from '@backstage/config';

/**
 * Auth providers of the Kubernetes plugin that authenticate the backend itself (EKS, GKE, AKS);
 * their tokens come from the Kubernetes plugin's own strategies (sources/kubernetes/clusterCredentials).
 */
export type CloudAuthProvider = 'aws' | 'googleServiceAccount' | 'azure';
const CLOUD_AUTH_PROVIDERS: string[] = ['aws', 'googleServiceAccount', 'azure'];

/**
 * Providers with which the Kubernetes plugin sends each signed-in user's own token from the
 * browser. The mesh plugin keeps one watch cache per cluster for all users, so it needs a
 * credential of its own for these clusters.
 */
const USER_AUTH_PROVIDERS: Record<string, string> = {
  google: 'googleServiceAccount',
  oidc: 'serviceAccount',
  aks: 'azure',
};

/** How the backend authenticates to a live cluster. */
export type ClusterAuth =
  | { type: 'serviceAccount'; token?: string }
  | {
      type: 'cloud';
      provider: CloudAuthProvider;
      /** The Kubernetes plugin's auth metadata (assume role, external id, …). */
      authMetadata: Record<string, string>;
    }
  /** The cluster is described by a kubeconfig file (development): its user entry authenticates. */
  | { type: 'kubeconfig'; path?: string; context?: string }
  /** The pod's own service account (token and CA mounted by Kubernetes). */
  | { type: 'inCluster' }
  | { type: 'none' }
  /** An auth provider the mesh plugin cannot use (per-user ones, unknown names): why, in `reason`. */
  | { type: 'unsupported'; provider: string; reason: string };

/** The Kubernetes plugin's auth metadata keys (its ConfigClusterLocator maps the same fields). */
export function clusterAuth(
  provider: string,
  token: string | undefined,
  c: Config,
  authMetadata: Record<string, string>,
): ClusterAuth {
  if (provider === 'serviceAccount') return { type: 'serviceAccount', token };
  if (CLOUD_AUTH_PROVIDERS.includes(provider)) {
    const fields: Array<[string, string]> = [
      ['assumeRole', 'kubernetes.io/aws-assume-role'],
      ['externalId', 'kubernetes.io/aws-external-id'],
    ];
    const metadata: Record<string, string> = {
      'kubernetes.io/auth-provider': provider,
    };
    for (const [key, annotation] of fields) {
      const value = c.getOptionalString(key);
      if (value) metadata[annotation] = value;
    }
    return {
      type: 'cloud',
      provider: provider as CloudAuthProvider,
      authMetadata: { ...metadata, ...authMetadata },
    };
  }
  const instead = USER_AUTH_PROVIDERS[provider];
  return {
    type: 'unsupported',
    provider,
    reason: instead
      ? `authProvider '${provider}' sends each user's own token from the browser, but the mesh plugin keeps one shared watch cache per cluster and needs a backend credential: set mesh.clusters[].authProvider '${instead}' for this cluster`
      : `authProvider '${provider}' is not supported by the mesh plugin (serviceAccount, aws, googleServiceAccount, azure)`,
  };
}
