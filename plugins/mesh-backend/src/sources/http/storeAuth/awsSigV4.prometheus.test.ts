/*
 * Amazon Managed Service for Prometheus, configured as adopters do (`auth: { type: aws }` plus the
 * `aws` integration config read by @backstage/integration-aws-node), against a workspace front door
 * double that recomputes every SigV4 signature independently (../../../__testUtils__/cloudAuth)
 * and forwards admitted queries to a real Prometheus. With `roleArn`, the keys come from an STS
 * double (reached through the SDK's own AWS_ENDPOINT_URL_STS) that issues short-lived keys, so
 * renewal is exercised. Boundary: AWS's own signature check and STS.
 */
import { ConfigReader } from '@backstage/config';
import { readTelemetryConfig } from '../../../config/telemetryConfig';
import {
  awsSignatureRefusal,
  errorOf,
  ManagedPrometheus,
  managedPrometheusTestbed,
  StsDouble,
  verifySignedRequest,
} from '../../../__testUtils__/cloudAuth/managedPrometheus';
import { describeWithPrometheus } from '../../../__testUtils__/prometheus';
import {
  PrometheusClient,
  PrometheusError,
} from '../../prometheus/PrometheusClient';
import { createTelemetrySources } from '../../prometheus/createTelemetrySources';
import { AwsSigV4Authorizer } from './awsSigV4';
import { REFRESH_MARGIN_MS } from './storeAuth';

const MAIN = {
  accessKeyId: 'AKIAMESHAMPTEST00001',
  secretAccessKey: 'amp/test+secret/0123456789abcdefghijklmn',
};
const REGION = 'eu-west-1';

const testbed = managedPrometheusTestbed();

/** A workspace admitting requests signed (service aps, REGION) by one of `keys`. */
async function workspace(keys: StsDouble['keys']): Promise<ManagedPrometheus> {
  return testbed.frontDoor(request => {
    const check = verifySignedRequest(request, keys, {
      region: REGION,
      service: 'aps',
    });
    if (!check.ok) return awsSignatureRefusal(check.reason);
    const keyId = /Credential=([^/]+)\//.exec(
      String(request.headers.authorization),
    )![1];
    const token = keys.get(keyId)?.sessionToken;
    if (token && request.headers['x-amz-security-token'] !== token)
      return awsSignatureRefusal('security token does not match');
    return { ok: true };
  });
}

function clientFor(
  amp: ManagedPrometheus,
  auth: Record<string, unknown>,
  aws: Record<string, string | object> = {
    mainAccount: { ...MAIN, region: REGION },
  },
) {
  const telemetry = readTelemetryConfig(
    new ConfigReader({
      aws,
      mesh: {
        prometheus: { url: amp.workspaceUrl, auth: { type: 'aws', ...auth } },
      },
    }),
  );
  return new PrometheusClient(telemetry.defaultPrometheus!);
}

describeWithPrometheus('Amazon Managed Service for Prometheus (SigV4)', () => {
  it('signs every query (instant and range POST bodies) as AWS verifies it, and Prometheus answers', async () => {
    const amp = await workspace(new Map([[MAIN.accessKeyId, MAIN]]));
    const client = clientFor(amp, { region: REGION });
    const now = new Date();
    const instant = await client.query('vector(1) * 7', now);
    expect(instant.samples.map(s => s.value)).toEqual([7]);
    const range = await client.queryRange(
      'vector(2)',
      new Date(now.getTime() - 60_000),
      now,
      15,
    );
    expect(range.series[0].points.length).toBeGreaterThanOrEqual(4);
    expect(amp.admitted).toBe(2);
    const signed = amp.requests[0].headers;
    expect(signed.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAMESHAMPTEST00001\/\d{8}\/eu-west-1\/aps\/aws4_request, SignedHeaders=[^,]*content-type;host;/,
    );
  });

  it('signs GET requests with PromQL in the query string (canonical query encoding as AWS computes it)', async () => {
    const amp = await workspace(new Map([[MAIN.accessKeyId, MAIN]]));
    const { auth } = readTelemetryConfig(
      new ConfigReader({
        aws: { mainAccount: { ...MAIN, region: REGION } },
        mesh: {
          prometheus: {
            url: amp.workspaceUrl,
            auth: { type: 'aws', region: REGION },
          },
        },
      }),
    ).defaultPrometheus!;
    // RFC 3986 encoding (%20): URLSearchParams' `+` for a space would be a plus to AWS.
    const promql =
      'sum by (app) (rate(up{job=~"a|b", le!="+Inf"}[5m])) or vector(1)';
    const url = new URL(
      `${amp.workspaceUrl}/api/v1/query?query=${encodeURIComponent(
        promql,
      )}&time=1700000000.123`,
    );
    const headers = { Accept: 'application/json' };
    const signed = await auth!.headersFor({ method: 'GET', url, headers });
    const answer = await fetch(url, { headers: { ...headers, ...signed } });
    expect(answer.status).toBe(200);
    expect((await answer.json()).status).toBe('success');
  });

  it('a wrong secret is a typed UNAUTHORIZED/FORBIDDEN naming aws, with no credential in the message, while another store keeps answering', async () => {
    const amp = await workspace(new Map([[MAIN.accessKeyId, MAIN]]));
    const wrong = {
      ...MAIN,
      secretAccessKey: 'not/the/secret/0123456789abcdefghij',
    };
    const error = await errorOf(
      clientFor(amp, { region: REGION }, { mainAccount: wrong }).query(
        'vector(1)',
        new Date(),
      ),
    );
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error!.errorType).toBe('FORBIDDEN');
    expect(error!.message).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+ answered 403 to our aws SigV4 \(region eu-west-1, service aps\): The request signature we calculated does not match/,
    );
    expect(error!.message).not.toContain(wrong.secretAccessKey);
    expect(error!.message).not.toMatch(/Signature=[0-9a-f]{8}/);
    // The same workspace with the right key still answers: one broken store breaks nothing else.
    const good = await clientFor(amp, { region: REGION }).query(
      'vector(3)',
      new Date(),
    );
    expect(good.samples[0].value).toBe(3);
  });

  it('with roleArn: assumes the role through STS, signs with the temporary keys and renews them before they expire', async () => {
    const lifetimeMs = REFRESH_MARGIN_MS + 1500;
    const sts = await new StsDouble(MAIN, REGION, lifetimeMs).start();
    testbed.stopAfterTest(() => sts.stop());
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    const amp = await workspace(sts.keys);
    const roleArn = 'arn:aws:iam::123456789012:role/mesh-amp-query';
    const client = clientFor(amp, {
      region: REGION,
      roleArn,
      externalId: 'mesh-external-id',
    });
    await client.query('vector(1)', new Date());
    await client.query('vector(1)', new Date());
    expect(sts.assumed).toEqual([{ roleArn, externalId: 'mesh-external-id' }]);
    await new Promise(resolve => setTimeout(resolve, 1600));
    await client.query('vector(1)', new Date());
    expect(sts.assumed).toHaveLength(2);
    const keyIds = amp.requests.map(
      r =>
        /Credential=(ASIA[0-9A-F]+)\//.exec(
          String(r.headers.authorization),
        )?.[1],
    );
    expect(keyIds[0]).toBe(keyIds[1]);
    expect(keyIds[2]).not.toBe(keyIds[0]);
    expect(amp.admitted).toBe(3);

    // AWS revokes the session early: the refusal is typed, and the next query assumes the role anew.
    sts.keys.delete(keyIds[2]!);
    const refused = await errorOf(client.query('vector(1)', new Date()));
    expect(refused!.errorType).toBe('FORBIDDEN');
    expect(refused!.message).toContain('to our aws SigV4');
    await client.query('vector(1)', new Date());
    expect(sts.assumed).toHaveLength(3);
    expect(amp.admitted).toBe(4);
  }, 20_000);

  it('no credentials to be had is a typed UNAUTHORIZED naming aws', async () => {
    const sts = await new StsDouble(
      { accessKeyId: 'AKIAOTHERMASTER00001', secretAccessKey: 'other' },
      REGION,
      3_600_000,
    ).start();
    testbed.stopAfterTest(() => sts.stop());
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    const amp = await workspace(sts.keys);
    const error = await errorOf(
      clientFor(amp, {
        region: REGION,
        roleArn: 'arn:aws:iam::123456789012:role/r',
      }).query('vector(1)', new Date()),
    );
    expect(error!.errorType).toBe('UNAUTHORIZED');
    expect(error!.message).toMatch(
      /aws SigV4 \(region eu-west-1, service aps, role arn:aws:iam::123456789012:role\/r\): could not get AWS credentials: /,
    );
    expect(amp.requests).toHaveLength(0);
  });

  it('stores reached as different principals never share a cache key or a source', () => {
    const config = (roleArn?: string) =>
      readTelemetryConfig(
        new ConfigReader({
          aws: { mainAccount: MAIN },
          mesh: {
            prometheus: {
              url: 'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1',
            },
            clusters: [
              {
                name: 'east',
                prometheus: {
                  url: 'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1',
                  auth: {
                    type: 'aws',
                    region: REGION,
                    ...(roleArn ? { roleArn } : {}),
                  },
                },
              },
            ],
          },
        }),
      );
    const plain = config();
    const east = new PrometheusClient(plain.byCluster.get('east')!);
    const asRole = new PrometheusClient(
      config('arn:aws:iam::1:role/x').byCluster.get('east')!,
    );
    const unsigned = new PrometheusClient(plain.defaultPrometheus!);
    expect(
      new Set([east, asRole, unsigned].map(c => c.cacheIdentity)).size,
    ).toBe(3);
    expect(JSON.stringify(plain.byCluster.get('east'))).not.toContain(
      MAIN.secretAccessKey,
    );
    const sources = createTelemetrySources(plain, ['east', 'west']);
    expect(sources.get('east')).not.toBe(sources.get('west'));
    expect(plain.byCluster.get('east')!.auth).toBeInstanceOf(
      AwsSigV4Authorizer,
    );
  });

  it('a cluster whose workspace refuses the signature gets a typed telemetry error naming aws; the other cluster gets its traffic', async () => {
    const amp = await workspace(new Map([[MAIN.accessKeyId, MAIN]]));
    const store = (region: string) => ({
      url: amp.workspaceUrl,
      auth: { type: 'aws', region },
    });
    const telemetry = readTelemetryConfig(
      new ConfigReader({
        aws: { mainAccount: { ...MAIN, region: REGION } },
        mesh: {
          clusters: [
            { name: 'east', prometheus: store('us-east-1') }, // not the workspace's region
            { name: 'west', prometheus: store(REGION) },
          ],
        },
      }),
    );
    const sources = createTelemetrySources(telemetry, ['east', 'west']);
    const query = { windowSeconds: 60, time: new Date() };
    const east = await sources.get('east')!.getTraffic(query);
    const west = await sources.get('west')!.getTraffic(query);
    expect(west.errors).toEqual([]);
    expect(east.errors.length).toBeGreaterThan(0);
    for (const error of east.errors) {
      expect(error).toMatchObject({
        source: 'telemetry',
        cluster: 'east',
        errorType: 'FORBIDDEN',
        statusCode: 403,
      });
      expect(error.message).toMatch(
        /^Prometheus \(\w+\): http:\/\/127\.0\.0\.1:\d+ answered 403 to our aws SigV4 \(region us-east-1, service aps\): The request signature we calculated does not match/,
      );
    }
  });
});
