/*
 * TEST DOUBLES of the cloud endpoints that hand workloads their access tokens, on loopback:
 * - Google's metadata server (what GKE Workload Identity and GCE give Application Default
 *   Credentials; google-auth-library finds it through `GCE_METADATA_HOST`), and
 * - Azure's App Service managed-identity endpoint (what DefaultAzureCredential's
 *   ManagedIdentityCredential calls through `IDENTITY_ENDPOINT` / `IDENTITY_HEADER`; on App Service it
 *   is a plain-HTTP loopback endpoint too).
 * The real Google and Azure token services cannot be reached here (no network, no cloud account);
 * these doubles speak their wire formats so the real client libraries, driven by the Kubernetes
 * plugin's strategies, run unchanged up to that boundary. Each issued token is remembered, so the
 * Kubernetes API double can accept exactly the tokens issued and not revoked.
 */
import http from 'http';
import { AddressInfo } from 'net';
import { randomBytes } from 'crypto';

/** The tokens a token-service double issued, and which of them a resource server accepts. */
export class IssuedTokens {
  /** Tokens issued, oldest first. */
  readonly issued: string[] = [];
  private readonly revoked = new Set<string>();
  /** Lifetime of the tokens issued, in seconds. */
  lifetimeSeconds = 3600;

  /** Whether `authorization` carries a token this issuer issued and has not revoked. */
  accepts(authorization: string | undefined): boolean {
    const token = authorization?.replace(/^Bearer /, '');
    return !!token && this.issued.includes(token) && !this.revoked.has(token);
  }

  /** Revokes every token issued so far (as if they expired). */
  revokeAll(): void {
    for (const token of this.issued) this.revoked.add(token);
  }

  protected issue(prefix: string): string {
    const token = `${prefix}.${this.issued.length + 1}.${randomBytes(
      8,
    ).toString('hex')}`;
    this.issued.push(token);
    return token;
  }
}

export class TokenIssuer extends IssuedTokens {
  private server?: http.Server;
  /** Requests seen (method, path and query). */
  readonly requests: string[] = [];

  constructor(
    private readonly kind: 'gce-metadata' | 'azure-app-service',
    /** The App Service endpoint's shared secret (`IDENTITY_HEADER`). */
    readonly identityHeader = randomBytes(16).toString('hex'),
  ) {
    super();
  }

  get host(): string {
    return `127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise(resolve => server.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = (code: number, body: unknown, headers = {}) => {
      res.writeHead(code, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (this.kind === 'gce-metadata') {
      // The metadata server answers only requests that carry Metadata-Flavor: Google, and says so.
      const flavor = { 'metadata-flavor': 'Google' };
      if (req.headers['metadata-flavor'] !== 'Google') {
        reply(403, 'Missing Metadata-Flavor:Google header.', flavor);
        return;
      }
      if (
        url.pathname ===
        '/computeMetadata/v1/instance/service-accounts/default/token'
      ) {
        const token = this.issue('ya29.test');
        reply(
          200,
          {
            access_token: token,
            expires_in: this.lifetimeSeconds - 1,
            token_type: 'Bearer',
          },
          flavor,
        );
        return;
      }
      if (url.pathname.startsWith('/computeMetadata/v1/')) {
        reply(200, '', flavor); // availability probes (instance, project id)
        return;
      }
      reply(404, 'not found', flavor);
      return;
    }
    // Azure App Service managed identity (api-version 2019-08-01).
    if (req.headers['x-identity-header'] !== this.identityHeader) {
      reply(400, {
        error: 'invalid_request',
        error_description: 'bad X-IDENTITY-HEADER',
      });
      return;
    }
    const resource = url.searchParams.get('resource');
    const token = this.issue('eyJ0eXAiOiJKV1Qi.azure-test');
    reply(200, {
      access_token: token,
      expires_on: String(Math.floor(Date.now() / 1000) + this.lifetimeSeconds),
      resource,
      token_type: 'Bearer',
    });
  }
}
