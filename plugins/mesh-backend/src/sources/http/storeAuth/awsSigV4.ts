/*
 * Amazon Managed Service for Prometheus: every query is signed with AWS Signature Version 4
 * (service `aps`). Credentials come the way other Backstage plugins get them — the
 * `aws.mainAccount` / `aws.accounts` integration config through `@backstage/integration-aws-node`'s
 * DefaultAwsCredentialsManager (static keys, profiles, or the SDK's default chain: IRSA, EKS Pod
 * Identity, instance roles) — optionally assuming `roleArn`, exactly as the Kubernetes plugin's
 * AwsIamStrategy does for EKS. The signer asks for credentials on every request, and an assumed
 * role's provider calls STS each time it is asked (SDK clients memoize it; a bare signer does not),
 * so temporary credentials are kept here until shortly before their expiry, then renewed.
 * The AWS endpoint is the boundary: tests verify our signatures with a double that recomputes them
 * from the same static credentials (README, "Managed Prometheus services").
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@smithy/types';
import {
  ExpiringCredential,
  identityHash,
  reasonOf,
  StoreAuthError,
  StoreAuthorizer,
  StoreRequest,
} from './storeAuth';

export interface AwsStoreAuthOptions {
  type: 'aws';
  /** Region of the workspace, e.g. `eu-west-1`. */
  region: string;
  /** SigV4 service name. Default `aps`. */
  service?: string;
  /** Role to assume for the queries. */
  roleArn?: string;
  /** The role's external id. */
  externalId?: string;
}

export class AwsSigV4Authorizer implements StoreAuthorizer {
  readonly provider = 'aws' as const;
  readonly description: string;
  readonly identity: string;
  private readonly signer: SignatureV4;
  /** The credentials signing now, renewed before they expire. */
  readonly credentials: ExpiringCredential<AwsCredentialIdentity>;

  constructor(
    private readonly options: AwsStoreAuthOptions,
    credentialsManager: AwsCredentialsManager,
  ) {
    const service = options.service ?? 'aps';
    this.description = `aws SigV4 (region ${
      options.region
    }, service ${service}${
      options.roleArn ? `, role ${options.roleArn}` : ''
    })`;
    this.identity = identityHash(
      'aws',
      options.region,
      service,
      options.roleArn,
      options.externalId,
    );
    const provider = this.credentialsFrom(credentialsManager);
    this.credentials = new ExpiringCredential(async () => {
      const value = await provider();
      return { value, expiresAt: value.expiration?.getTime() };
    });
    this.signer = new SignatureV4({
      credentials: () => this.credentials.get(),
      region: options.region,
      service,
      sha256: Sha256,
    });
  }

  /** Base credentials from the AWS integration, then the role, as AwsIamStrategy gets them. */
  private credentialsFrom(
    manager: AwsCredentialsManager,
  ): AwsCredentialIdentityProvider {
    const { roleArn, externalId, region } = this.options;
    const master: AwsCredentialIdentityProvider = async () => {
      let provider;
      try {
        provider = await manager.getCredentialProvider(
          roleArn ? { arn: roleArn } : undefined,
        );
      } catch (error) {
        // A role in an account the integration does not list: the main account assumes it.
        if (!roleArn || !reasonOf(error).includes('no AWS integration'))
          throw error;
        provider = await manager.getCredentialProvider();
      }
      return provider.sdkCredentialProvider();
    };
    if (!roleArn) return master;
    return fromTemporaryCredentials({
      masterCredentials: master,
      clientConfig: { region },
      params: {
        RoleArn: roleArn,
        ...(externalId ? { ExternalId: externalId } : {}),
        RoleSessionName: 'backstage-mesh-portal',
      },
    });
  }

  /** What store keys (createTelemetrySources) see: never a credential. */
  toJSON() {
    return { provider: this.provider, identity: this.identity };
  }

  secrets(): string[] {
    return [
      ...(this.options.externalId ? [this.options.externalId] : []),
      ...this.credentials
        .values()
        .flatMap(c => [c.secretAccessKey, c.sessionToken ?? '']),
    ];
  }

  refused(headers: Record<string, string>): void {
    // Temporary keys the store refused (revoked session, expired early): ask for new ones.
    this.credentials.invalidate(
      c =>
        !!c.expiration &&
        !!headers.authorization?.includes(`Credential=${c.accessKeyId}/`),
    );
  }

  /**
   * A GET's query must be sent RFC 3986-encoded (`%20`, as encodeURIComponent does): AWS reads a
   * `+` as a plus, and URLSearchParams writes spaces as `+`. POST bodies have no such trap.
   */
  async headersFor(request: StoreRequest): Promise<Record<string, string>> {
    const { url } = request;
    try {
      const signed = await this.signer.sign({
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        // fetch sends Host from the URL, the same value signed here.
        headers: { ...request.headers, host: url.host },
        body: request.body,
      });
      // Only what signing added (Authorization, X-Amz-Date, X-Amz-Security-Token, …).
      return Object.fromEntries(
        Object.entries(signed.headers).filter(
          ([name]) => name !== 'host' && !(name in request.headers),
        ),
      );
    } catch (error) {
      throw new StoreAuthError(
        'aws',
        `could not get AWS credentials: ${reasonOf(error)}`,
      );
    }
  }
}
