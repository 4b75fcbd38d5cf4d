/*
 * TEST DOUBLES of the managed Prometheus services' front doors and of AWS STS, on loopback:
 * - `startManagedPrometheus`: a workspace endpoint (`/workspaces/<id>/api/v1/…` as Amazon Managed
 *   Service for Prometheus serves it; Google's `/v1/projects/<p>/location/global/prometheus/…`) that
 *   admits a request only by the credential it presents (`admit`), then forwards it to a REAL
 *   Prometheus. The credential check is the cloud's and is the boundary; the query is answered
 *   by Prometheus itself.
 * - `StsDouble`: AWS STS AssumeRole (the awsQuery wire format the SDK speaks), which accepts only
 *   requests SigV4-signed by the given master credentials and hands out short-lived keys.
 * Neither network nor cloud accounts exist here, hence the doubles.
 */
import { randomBytes } from 'crypto';
import http from 'http';
import type { PrometheusError } from '../../sources/prometheus/PrometheusClient';
import { startTestServer, TestServer } from '../httpServer';
import { RunningPrometheus, startPrometheus } from '../prometheus';
import {
  payloadHashOf,
  SignatureCheck,
  StaticAwsCredentials,
  verifySigV4,
} from './sigv4Verifier';

export interface FrontDoorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Admission =
  | { ok: true }
  | { ok: false; status: 401 | 403; body: unknown };

export interface ManagedPrometheus extends TestServer {
  /** The workspace's Prometheus API base URL, as adopters configure it. */
  workspaceUrl: string;
  admitted: number;
}

export async function startManagedPrometheus(
  upstream: string,
  admit: (request: FrontDoorRequest) => Admission,
  /** Path of the Prometheus API on the service (AMP's workspace path by default). */
  prefix = '/workspaces/ws-0123abcd-test',
): Promise<ManagedPrometheus> {
  let admitted = 0;
  const server = await startTestServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://double');
    const verdict = url.pathname.startsWith(prefix)
      ? admit({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: awsQueryOf(url),
          headers: req.headers,
          body,
        })
      : ({
          ok: false,
          status: 403,
          body: { message: 'no such workspace' },
        } as const);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(verdict.body));
      return;
    }
    admitted++;
    fetch(`${upstream}${url.pathname.slice(prefix.length)}${url.search}`, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
      ...(req.method === 'POST' ? { body } : {}),
    }).then(
      async answer => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  });
  return {
    ...server,
    workspaceUrl: `${server.url}${prefix}`,
    get admitted() {
      return admitted;
    },
  };
}

/**
 * What each managed-service test file needs: a real Prometheus (started once per file) behind
 * front doors started per test, everything a test started stopped after it, and the environment
 * (AWS_ENDPOINT_URL_STS, GCE_METADATA_HOST, IDENTITY_ENDPOINT, …) restored.
 */
export function managedPrometheusTestbed() {
  let prometheus: RunningPrometheus | undefined;
  const closers: Array<() => Promise<void>> = [];
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    prometheus = await startPrometheus([], '1s');
  }, 60_000);
  afterAll(() => prometheus?.stop());
  afterEach(async () => {
    await Promise.all(closers.splice(0).map(close => close()));
    process.env = { ...savedEnv };
  });
  return {
    get prometheusUrl() {
      return prometheus!.url;
    },
    stopAfterTest(close: () => Promise<void>) {
      closers.push(close);
    },
    async frontDoor(
      admit: (request: FrontDoorRequest) => Admission,
      prefix?: string,
    ): Promise<ManagedPrometheus> {
      const door = await startManagedPrometheus(prometheus!.url, admit, prefix);
      closers.push(() => door.close());
      return door;
    },
  };
}

/** The PrometheusError a query fails with, or undefined when it succeeds. */
export const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: PrometheusError) => e,
  );

/** The query as AWS reads it for signing: percent-decoded, a `+` is a plus, not a space. */
function awsQueryOf(url: URL): URLSearchParams {
  return new URLSearchParams(url.search.replace(/\+/g, '%2B'));
}

/** Verifies a SigV4-signed request with whichever of `keys` its credential names. */
export function verifySignedRequest(
  request: FrontDoorRequest,
  keys: Map<string, StaticAwsCredentials>,
  expected: { region: string; service: string },
): SignatureCheck {
  const keyId = /Credential=([^/]+)\//.exec(
    String(request.headers.authorization ?? ''),
  )?.[1];
  const credentials = keyId ? keys.get(keyId) : undefined;
  if (!credentials) return { ok: false, reason: `unknown access key ${keyId}` };
  return verifySigV4(
    {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers as Record<string, string>,
      payloadHash: payloadHashOf(request.body),
    },
    credentials,
    expected,
  );
}

/** Admits requests whose Bearer token `accepts` (a token issuer double's check). */
export const bearerAdmission =
  (accepts: (authorization: string | undefined) => boolean) =>
  (request: FrontDoorRequest): Admission =>
    accepts(request.headers.authorization)
      ? { ok: true }
      : {
          ok: false,
          status: 401,
          body: {
            error: {
              code: 401,
              message: 'Request had invalid authentication credentials.',
            },
          },
        };

/** AWS's answer to a signature it does not accept. */
export const awsSignatureRefusal = (reason?: string): Admission => ({
  ok: false,
  status: 403,
  body: {
    message: `The request signature we calculated does not match the signature you provided. (${reason})`,
  },
});

/** The account of the STS double's master key. */
export const ACCOUNT = '123456789012';

export class StsDouble {
  /** Keys issued (and the master key), by access key id. */
  readonly keys = new Map<
    string,
    StaticAwsCredentials & { sessionToken?: string }
  >();
  readonly assumed: Array<{ roleArn: string; externalId?: string }> = [];
  private server?: TestServer;

  constructor(
    master: StaticAwsCredentials,
    private readonly region: string,
    /** Lifetime of the keys issued. */
    private readonly lifetimeMs: number,
  ) {
    this.keys.set(master.accessKeyId, master);
    this.master = master;
  }

  private readonly master: StaticAwsCredentials;

  get url(): string {
    return this.server!.url;
  }

  async start(): Promise<this> {
    this.server = await startTestServer((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://double');
      const check = verifySignedRequest(
        {
          method: req.method ?? 'POST',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        },
        new Map([[this.master.accessKeyId, this.master]]),
        { region: this.region, service: 'sts' },
      );
      const form = new URLSearchParams(body);
      if (check.ok && form.get('Action') === 'GetCallerIdentity') {
        // The AWS integration asks who its main account is before matching role ARNs to accounts.
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/mesh</Arn><UserId>AIDAMESHTEST</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      if (!check.ok || form.get('Action') !== 'AssumeRole') {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${check.reason}</Message></Error></ErrorResponse>`,
        );
        return;
      }
      const issued = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: randomBytes(32).toString('base64'),
      };
      this.keys.set(issued.accessKeyId, issued);
      this.assumed.push({
        roleArn: form.get('RoleArn') ?? '',
        externalId: form.get('ExternalId') ?? undefined,
      });
      const expiration = new Date(Date.now() + this.lifetimeMs).toISOString();
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><AssumedRoleId>AROATEST:mesh</AssumedRoleId><Arn>${form.get(
      'RoleArn',
    )}</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey>
      <SessionToken>${issued.sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</AssumeRoleResponse>`);
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}
