/*
 * TEST DOUBLES of the OAuth2 token services behind a service-account key (Google) and a client
 * secret (Microsoft Entra ID), over HTTPS with certificates from the test CA (../tls/testPki),
 * which the test trusts process-wide (`trustTestCa`):
 * - Google: google-auth-library posts its signed JWT to Google's fixed token URL
 *   (https://www.googleapis.com/oauth2/v4/token; gtoken ignores the key's `token_uri`), so the
 *   double is an HTTPS proxy (gaxios honours HTTPS_PROXY) that answers CONNECTs to that host itself
 *   with a certificate for it. It verifies the JWT assertion's RS256 signature with the public half
 *   of the service-account key and its claims (issuer, scope, audience, expiry).
 * - Entra ID: the tenant's OpenID configuration and token endpoint, at an `authorityHost`; it checks
 *   the client id and secret of the client-credentials grant and the scope.
 * The real token services are the cloud boundary (no network, no cloud account here).
 */
import { createPublicKey, KeyObject, verify } from 'crypto';
import http from 'http';
import https from 'https';
import { AddressInfo, Socket } from 'net';
import tls from 'tls';
import { TestPki } from '../tls/testPki';
import { IssuedTokens } from './tokenIssuers';

/** Trusts the test CA in every TLS connection of this process, until the returned undo. */
export function trustTestCa(pki: TestPki): () => void {
  if (typeof tls.setDefaultCACertificates !== 'function')
    throw new Error(
      'trusting a test CA process-wide needs Node >= 22.19 (source scripts/node-env.sh)',
    );
  const saved = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...saved, pki.ca.cert]);
  return () => tls.setDefaultCACertificates(saved);
}

type Handler = (
  req: http.IncomingMessage,
  body: string,
) => { status: number; body: unknown };

function httpsServer(cert: { cert: string; key: string }, handle: Handler) {
  return https.createServer(cert, (req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const answer = handle(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
}

const GOOGLE_TOKEN_HOSTS = ['www.googleapis.com', 'oauth2.googleapis.com'];
export const GOOGLE_TOKEN_URL = 'https://www.googleapis.com/oauth2/v4/token';

export class GoogleTokenEndpoint extends IssuedTokens {
  /** Claims of every assertion accepted. */
  readonly assertions: Array<Record<string, unknown>> = [];
  private readonly publicKey: KeyObject;
  private proxy?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly tokenServer: https.Server;

  constructor(
    pki: TestPki,
    private readonly serviceAccount: {
      client_email: string;
      private_key: string;
    },
  ) {
    super();
    this.publicKey = createPublicKey(serviceAccount.private_key);
    this.tokenServer = httpsServer(
      pki.serverFor(GOOGLE_TOKEN_HOSTS[0]),
      (req, body) => this.token(req, body),
    );
  }

  /** For HTTPS_PROXY. */
  get proxyUrl(): string {
    return `http://127.0.0.1:${(this.proxy!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.proxy = http.createServer((_req, res) => {
      res.writeHead(405);
      res.end();
    });
    this.proxy.on('connect', (req: http.IncomingMessage, socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (!GOOGLE_TOKEN_HOSTS.includes(String(req.url).replace(/:443$/, ''))) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      this.tokenServer.emit('connection', socket);
    });
    await new Promise<void>(resolve =>
      this.proxy!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.sockets.forEach(s => s.destroy());
    await new Promise(resolve => this.proxy?.close(resolve));
  }

  private token(req: http.IncomingMessage, body: string) {
    const refuse = (description: string) => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: description },
    });
    if (req.method !== 'POST' || req.url !== '/oauth2/v4/token')
      return { status: 404, body: { error: 'not_found' } };
    const form = new URLSearchParams(body);
    if (
      form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer'
    )
      return refuse('unsupported grant_type');
    const [header, payload, signature] = (form.get('assertion') ?? '').split(
      '.',
    );
    const signedBy = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      this.publicKey,
      Buffer.from(signature ?? '', 'base64url'),
    );
    if (!signedBy) return refuse('Invalid JWT Signature.');
    const claims = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    );
    const now = Date.now() / 1000;
    if (claims.iss !== this.serviceAccount.client_email)
      return refuse('wrong iss');
    if (claims.aud !== GOOGLE_TOKEN_URL) return refuse('wrong aud');
    if (!(claims.exp > now && claims.iat <= now + 60)) return refuse('expired');
    this.assertions.push(claims);
    return {
      status: 200,
      body: {
        access_token: this.issue('ya29.c.sa-test'),
        expires_in: this.lifetimeSeconds,
        token_type: 'Bearer',
      },
    };
  }
}

export class EntraIdDouble extends IssuedTokens {
  readonly requests: string[] = [];
  /** Scopes of the tokens issued. */
  readonly scopes: string[] = [];
  /** Quote the refused secret in the error, as careless gateways do (our messages must scrub it). */
  echoesRefusedRequest = false;
  private readonly server: https.Server;

  constructor(
    pki: TestPki,
    private readonly app: {
      tenantId: string;
      clientId: string;
      clientSecret: string;
    },
  ) {
    super();
    this.server = httpsServer(pki.server, (req, body) =>
      this.handle(req, body),
    );
  }

  get authorityHost(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>(resolve =>
      this.server.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  private handle(req: http.IncomingMessage, body: string) {
    const url = new URL(req.url ?? '/', this.authorityHost);
    this.requests.push(`${req.method} ${url.pathname}`);
    const tenant = `${this.authorityHost}/${this.app.tenantId}`;
    if (
      url.pathname ===
      `/${this.app.tenantId}/v2.0/.well-known/openid-configuration`
    )
      return {
        status: 200,
        body: {
          issuer: `${tenant}/v2.0`,
          token_endpoint: `${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${tenant}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${tenant}/oauth2/v2.0/logout`,
          jwks_uri: `${tenant}/discovery/v2.0/keys`,
        },
      };
    if (url.pathname !== `/${this.app.tenantId}/oauth2/v2.0/token`)
      return { status: 404, body: { error: 'not_found' } };
    const form = new URLSearchParams(body);
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== this.app.clientId ||
      form.get('client_secret') !== this.app.clientSecret
    )
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided${
            this.echoesRefusedRequest
              ? ` (got '${form.get('client_secret')}')`
              : ''
          }. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.get(
            'client_id',
          )}'.`,
        },
      };
    this.scopes.push(form.get('scope') ?? '');
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: this.lifetimeSeconds,
        ext_expires_in: this.lifetimeSeconds,
        access_token: this.issue('eyJ0eXAiOiJKV1Qi.entra-test'),
      },
    };
  }
}
