/*
 * Cloud credentials for live clusters, minted by the Kubernetes plugin's own auth strategies
 * (`@backstage/plugin-kubernetes-backend`), so a cluster configured for the Kubernetes plugin with
 * `authProvider: aws | googleServiceAccount | azure` works here unchanged and reads the same config
 * (`aws.*` through @backstage/integration-aws-node, `kubernetes.googleServiceAccountCredentials`,
 * Azure's DefaultAzureCredential environment).
 *
 * The strategies mint a credential per call; the watch cache makes requests for hours over
 * long-lived watches, so the credential is kept and renewed: when it is older than its provider's
 * reuse time, and at once after an API server answers 401 (an expired or revoked token). An open
 * watch keeps its connection (the API server authenticates a request when it starts); the next list
 * or watch reconnect carries the new token, and the objects already cached are served throughout.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type {
  AuthenticationStrategy,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import type * as k8s from '@kubernetes/client-node';
import {
  CloudAuthProvider,
  LiveClusterConfig,
} from '../../config/clusterConfig';

/**
 * How long a minted credential is reused. EKS tokens (presigned STS URLs) are valid 15 minutes;
 * Google access tokens 60 minutes; the Azure strategy keeps its own token and renews it 15 minutes
 * before it expires, so it is asked on every request.
 */
export const CREDENTIAL_REUSE_MS: Record<CloudAuthProvider, number> = {
  aws: 10 * 60_000,
  googleServiceAccount: 30 * 60_000,
  azure: 0,
};

/**
 * No credential for a cluster: its strategy failed to mint one (cloud endpoint unreachable, no
 * credentials configured), or its provider cannot serve the shared cache at all.
 */
export class ClusterAuthError extends Error {
  constructor(readonly provider: string, message: string) {
    super(message);
    this.name = 'ClusterAuthError';
  }

  static mintFailed(provider: string, cause: unknown): ClusterAuthError {
    return new ClusterAuthError(
      provider,
      // Not shortened here: the cluster error redacts secrets first, then cuts the message.
      `the '${provider}' auth provider could not get a credential: ${String(
        (cause as Error)?.message ?? cause,
      )}`,
    );
  }
}

/**
 * A 401 within this long after minting is not a stale token: watches that were refused with the
 * previous token must not make the cluster mint again and again.
 */
const MIN_RENEWAL_INTERVAL_MS = 5_000;

/** One cluster's credential from its strategy, reused and renewed as described above. */
export class ClusterCredential {
  private minted?: Promise<string | undefined>;
  /** When the current token was obtained (reuse time counts from there, not from the request). */
  private mintedAt = 0;

  constructor(
    readonly provider: CloudAuthProvider,
    private readonly strategy: AuthenticationStrategy,
    private readonly cluster: LiveClusterConfig & {
      auth: { type: 'cloud' };
    },
    private readonly reuseMs = CREDENTIAL_REUSE_MS[provider],
  ) {}

  /** The bearer token to send now (undefined: the strategy answered "anonymous"). */
  bearerToken(): Promise<string | undefined> {
    if (!this.minted || Date.now() - this.mintedAt >= this.reuseMs) {
      const token = this.mint();
      this.minted = token;
      this.mintedAt = Number.POSITIVE_INFINITY; // not expired while it is being minted
      token.then(
        () => {
          if (this.minted === token) this.mintedAt = Date.now();
        },
        () => undefined,
      );
      // A failed mint is not reused: the next request asks the strategy again.
      token.catch(() => {
        if (this.minted === token) this.minted = undefined;
      });
    }
    return this.minted;
  }

  /** The API server refused the token: mint a new one for the next request. */
  invalidate(): void {
    if (Date.now() - this.mintedAt >= MIN_RENEWAL_INTERVAL_MS)
      this.minted = undefined;
  }

  private async mint(): Promise<string | undefined> {
    let credential: KubernetesCredential;
    try {
      credential = await this.strategy.getCredential(
        {
          name: this.cluster.name,
          url: this.cluster.url ?? '',
          authMetadata: this.cluster.auth.authMetadata,
          skipTLSVerify: this.cluster.skipTLSVerify,
          caData: this.cluster.caData,
          caFile: this.cluster.caFile,
        },
        {},
      );
    } catch (error) {
      throw ClusterAuthError.mintFailed(this.provider, error);
    }
    if (credential.type === 'bearer token') return credential.token;
    if (credential.type === 'anonymous') return undefined;
    throw ClusterAuthError.mintFailed(
      this.provider,
      `unexpected credential type '${credential.type}'`,
    );
  }
}

/** The auth-provider name our KubeConfig user carries, claimed by credentialAuthenticator. */
export const CLUSTER_CREDENTIAL_AUTH = 'mesh-backstage-kubernetes-strategy';

/** A client-node authenticator that puts the cluster's current token on every request. */
export function credentialAuthenticator(
  credential: ClusterCredential,
): Parameters<k8s.KubeConfig['addAuthenticator']>[0] {
  return {
    isAuthProvider: (user: k8s.User) =>
      user.authProvider?.name === CLUSTER_CREDENTIAL_AUTH,
    applyAuthentication: async (
      _user: k8s.User,
      opts: { headers?: unknown },
    ) => {
      const token = await credential.bearerToken();
      if (token)
        (
          opts.headers as Record<string, string>
        ).Authorization = `Bearer ${token}`;
    },
  };
}

export interface StrategyServices {
  /** Root config: the strategies read `aws.*` and `kubernetes.googleServiceAccountCredentials`. */
  config: Config;
  logger: LoggerService;
  /** Strategies to use instead of the Kubernetes plugin's (tests put local doubles of cloud endpoints behind them). */
  overrides?: Partial<Record<CloudAuthProvider, AuthenticationStrategy>>;
}

/** Credentials for every cluster with a cloud auth provider, by cluster name. */
export function createClusterCredentials(
  clusters: LiveClusterConfig[],
  services: StrategyServices,
): Map<string, ClusterCredential> {
  const strategies = new Map<CloudAuthProvider, AuthenticationStrategy>();
  const strategyFor = (provider: CloudAuthProvider) => {
    if (!strategies.has(provider))
      strategies.set(
        provider,
        services.overrides?.[provider] ??
          kubernetesPluginStrategy(provider, services),
      );
    return strategies.get(provider)!;
  };
  const credentials = new Map<string, ClusterCredential>();
  for (const cluster of clusters) {
    const { auth } = cluster;
    if (auth.type !== 'cloud') continue;
    const strategy = strategyFor(auth.provider);
    const errors = strategy.validateCluster(auth.authMetadata);
    if (errors.length > 0)
      throw new Error(
        `cluster '${cluster.name}': ${errors.map(e => e.message).join(', ')}`,
      );
    credentials.set(
      cluster.name,
      new ClusterCredential(auth.provider, strategy, { ...cluster, auth }),
    );
  }
  return credentials;
}

function kubernetesPluginStrategy(
  provider: CloudAuthProvider,
  { config, logger }: StrategyServices,
): AuthenticationStrategy {
  // Loaded on first use: the Kubernetes plugin's module pulls in the cloud SDKs.
  const strategies: typeof import('@backstage/plugin-kubernetes-backend') =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@backstage/plugin-kubernetes-backend');
  switch (provider) {
    case 'aws':
      return new strategies.AwsIamStrategy({ config });
    case 'googleServiceAccount':
      return new strategies.GoogleServiceAccountStrategy({ config });
    case 'azure':
      return new strategies.AzureIdentityStrategy(logger);
    default:
      throw new Error(`no strategy for auth provider '${provider}'`);
  }
}
