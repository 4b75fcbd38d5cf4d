/*
 * Google Managed Prometheus and Azure Monitor workspaces take an OAuth2 access token as
 * `Authorization: Bearer`. The cloud's own client library gets it — google-auth-library
 * (Application Default Credentials: GKE Workload Identity / the metadata server,
 * GOOGLE_APPLICATION_CREDENTIALS, or a service-account key) and @azure/identity (a client secret, or
 * DefaultAzureCredential: workload identity, managed identity, environment) — the same libraries the
 * Kubernetes plugin's googleServiceAccount and azure strategies use. We keep the token until
 * shortly before it expires (both libraries cache it as well, and hand out a new one only near its
 * expiry, so dropping a refused one would gain nothing). The token services are the
 * cloud boundary: tests run these libraries unchanged against local doubles of them.
 */
import {
  ClientSecretCredential,
  DefaultAzureCredential,
  TokenCredential,
} from '@azure/identity';
import { GoogleAuth } from 'google-auth-library';
import {
  Expiring,
  ExpiringCredential,
  identityHash,
  reasonOf,
  StoreAuthError,
  StoreAuthorizer,
  StoreAuthProvider,
} from './storeAuth';

export const GOOGLE_MONITORING_READ_SCOPE =
  'https://www.googleapis.com/auth/monitoring.read';
export const AZURE_PROMETHEUS_SCOPE =
  'https://prometheus.monitor.azure.com/.default';

export interface GoogleStoreAuthOptions {
  type: 'google';
  /** Service-account key file; without it (and `credentials`), Application Default Credentials. */
  credentialsFile?: string;
  /** Service-account key JSON (a secret). */
  credentials?: string;
}

export interface AzureStoreAuthOptions {
  type: 'azure';
  /** With `clientId` and `clientSecret`: an app registration's secret; otherwise DefaultAzureCredential. */
  tenantId?: string;
  /** The app registration, or the user-assigned managed identity for DefaultAzureCredential. */
  clientId?: string;
  clientSecret?: string;
  /** Microsoft Entra authority for sovereign clouds. Default Azure public cloud. */
  authorityHost?: string;
  /** Trust `authorityHost` without Entra's instance discovery (Azure Stack, private authorities). */
  disableInstanceDiscovery?: boolean;
  /** Token scope. Default `https://prometheus.monitor.azure.com/.default`. */
  scope?: string;
}

/** A Bearer token from a cloud token service, cached until shortly before expiry. */
export class CloudTokenAuthorizer implements StoreAuthorizer {
  readonly token: ExpiringCredential<string>;

  constructor(
    readonly provider: StoreAuthProvider,
    readonly description: string,
    readonly identity: string,
    fetchToken: () => Promise<Expiring<string>>,
    private readonly configuredSecrets: string[] = [],
  ) {
    this.token = new ExpiringCredential(async () => {
      try {
        return await fetchToken();
      } catch (error) {
        throw new StoreAuthError(
          provider,
          `could not get an access token: ${reasonOf(error)}`,
        );
      }
    });
  }

  /** What store keys (createTelemetrySources) see: never a credential. */
  toJSON() {
    return { provider: this.provider, identity: this.identity };
  }

  secrets(): string[] {
    return [...this.configuredSecrets, ...this.token.values()];
  }

  async headersFor(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.token.get()}` };
  }
}

export function googleAuthorizer(
  options: GoogleStoreAuthOptions,
): CloudTokenAuthorizer {
  const key = options.credentials ? JSON.parse(options.credentials) : undefined;
  const auth = new GoogleAuth({
    scopes: [GOOGLE_MONITORING_READ_SCOPE],
    ...(options.credentialsFile
      ? { keyFilename: options.credentialsFile }
      : {}),
    ...(key ? { credentials: key } : {}),
  });
  const principal = key?.client_email ?? options.credentialsFile ?? 'ADC';
  return new CloudTokenAuthorizer(
    'google',
    `google OAuth2 (${
      key || options.credentialsFile
        ? 'service-account key'
        : 'Application Default Credentials'
    }, scope monitoring.read)`,
    identityHash('google', principal),
    async () => {
      const client = await auth.getClient();
      const { token } = await client.getAccessToken();
      if (!token) throw new Error('no token in the answer');
      const expiry = client.credentials.expiry_date;
      return { value: token, expiresAt: expiry ?? Date.now() + 5 * 60_000 };
    },
    keySecrets(key?.private_key),
  );
}

export function azureAuthorizer(
  options: AzureStoreAuthOptions,
): CloudTokenAuthorizer {
  const { tenantId, clientId, clientSecret, authorityHost } = options;
  const { disableInstanceDiscovery } = options;
  const scope = options.scope ?? AZURE_PROMETHEUS_SCOPE;
  const withSecret = !!(tenantId && clientId && clientSecret);
  const credential: TokenCredential = withSecret
    ? new ClientSecretCredential(tenantId, clientId, clientSecret, {
        ...(authorityHost ? { authorityHost } : {}),
        ...(disableInstanceDiscovery ? { disableInstanceDiscovery } : {}),
      })
    : new DefaultAzureCredential(
        clientId ? { managedIdentityClientId: clientId } : {},
      );
  return new CloudTokenAuthorizer(
    'azure',
    `azure ${
      withSecret ? 'client secret' : 'DefaultAzureCredential'
    } (scope ${scope})`,
    identityHash('azure', tenantId, clientId, authorityHost, scope),
    async () => {
      const token = await credential.getToken(scope);
      if (!token) throw new Error('no token in the answer');
      return { value: token.token, expiresAt: token.expiresOnTimestamp };
    },
    clientSecret ? [clientSecret] : [],
  );
}

/** A PEM key as a whole and line by line (a message may quote any part of it). */
function keySecrets(pem: string | undefined): string[] {
  if (!pem) return [];
  return [
    pem,
    ...pem.split(/\\n|\n/).filter(line => !line.startsWith('-----')),
  ];
}
