/*
 * Builds the client's KubeConfig for one configured cluster. The URL and credentials come from
 * configuration only (never from a request), as in the Kubernetes plugin.
 */
import fs from 'fs';
import type * as k8s from '@kubernetes/client-node';
import { LiveClusterConfig } from '../../config/clusterConfig';
import {
  ClusterAuthError,
  ClusterCredential,
  CLUSTER_CREDENTIAL_AUTH,
  credentialAuthenticator,
} from './clusterCredentials';

export type KubernetesClientModule = typeof k8s;

/** Where Kubernetes mounts a pod's service-account token (the Kubernetes plugin reads it too). */
const SERVICE_ACCOUNT_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The client module is ESM-only and is loaded on first use. kubernetes-backend writes
 * `await import(...)` and runs its tests with --experimental-vm-modules; we `require` it instead:
 * Node 22 loads ES modules through `require` (and the Backstage CLI's loader turns `import()` into
 * `require` anyway), and Jest then transpiles it like any dependency, so the backend's other
 * tests, whose CommonJS dependencies require ESM-only packages, need no experimental flag.
 */
export async function loadKubernetesClient(): Promise<KubernetesClientModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@kubernetes/client-node');
}

export function kubeConfigFor(
  client: KubernetesClientModule,
  cluster: LiveClusterConfig,
  /** The cluster's cloud credential (auth type `cloud`), asked for a token on every request. */
  credential?: ClusterCredential,
): k8s.KubeConfig {
  const kc = new client.KubeConfig();
  const { auth } = cluster;
  if (auth.type === 'kubeconfig') {
    if (auth.path) kc.loadFromFile(auth.path);
    else kc.loadFromDefault();
    if (auth.context) kc.setCurrentContext(auth.context);
    return kc;
  }
  if (auth.type === 'inCluster') {
    kc.loadFromCluster();
    return kc;
  }
  if (auth.type === 'unsupported')
    throw new ClusterAuthError(auth.provider, auth.reason);
  const user: k8s.User = { name: 'mesh-backend' };
  if (auth.type === 'cloud') {
    if (!credential)
      throw new Error(`no credential for auth provider '${auth.provider}'`);
    kc.addAuthenticator(credentialAuthenticator(credential));
    Object.assign(user, {
      authProvider: { name: CLUSTER_CREDENTIAL_AUTH, config: {} },
    });
  }
  if (auth.type === 'serviceAccount') {
    if (auth.token) {
      Object.assign(user, { token: auth.token });
    } else if (fs.existsSync(SERVICE_ACCOUNT_TOKEN_FILE)) {
      // No token configured: like the Kubernetes plugin, use the pod's own service account. The
      // client re-reads the file, so rotated (projected) tokens keep working.
      Object.assign(user, {
        authProvider: {
          name: 'tokenFile',
          config: { tokenFile: SERVICE_ACCOUNT_TOKEN_FILE },
        },
      });
    }
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        caFile: cluster.caFile,
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [user],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: user.name }],
    currentContext: cluster.name,
  });
  return kc;
}

/** Strings that must never appear in responses or logs for this cluster. */
export function secretsOf(cluster: LiveClusterConfig): string[] {
  const secrets = [cluster.caData ?? ''];
  if (cluster.auth.type === 'serviceAccount' && cluster.auth.token)
    secrets.push(cluster.auth.token);
  if (cluster.auth.type === 'cloud') {
    const metadata = cluster.auth.authMetadata;
    secrets.push(
      metadata['kubernetes.io/aws-external-id'] ?? '',
      metadata.serviceAccountToken ?? '',
    );
  }
  return secrets.filter(Boolean);
}

/** The auth provider errors name (`aws`, `serviceAccount`, …); undefined for development setups. */
export function authProviderOf(cluster: LiveClusterConfig): string | undefined {
  const { auth } = cluster;
  if (auth.type === 'cloud' || auth.type === 'unsupported')
    return auth.provider;
  return auth.type === 'serviceAccount' ? 'serviceAccount' : undefined;
}
