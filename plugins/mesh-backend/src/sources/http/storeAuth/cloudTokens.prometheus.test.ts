/*
 * Google Managed Prometheus and Azure Monitor workspaces, configured as adopters do (`auth:
 * { type: google | azure }`): the real google-auth-library and @azure/identity get the access
 * tokens from local doubles of the cloud token services (../../../__testUtils__/cloudAuth:
 * Google's metadata server as GKE Workload Identity serves it, Azure's managed-identity endpoint),
 * and a front door double admits exactly the tokens issued and not revoked, forwarding to a real
 * Prometheus. Boundary: the clouds' token services and their token check.
 */
import { ConfigReader } from '@backstage/config';
import { readTelemetryConfig } from '../../../config/telemetryConfig';
import {
  bearerAdmission,
  errorOf,
  ManagedPrometheus,
  managedPrometheusTestbed,
} from '../../../__testUtils__/cloudAuth/managedPrometheus';
import { TokenIssuer } from '../../../__testUtils__/cloudAuth/tokenIssuers';
import { describeWithPrometheus } from '../../../__testUtils__/prometheus';
import { PrometheusClient } from '../../prometheus/PrometheusClient';
import { CloudTokenAuthorizer } from './cloudTokens';
import { REFRESH_MARGIN_MS } from './storeAuth';

const GMP_PATH = '/v1/projects/mesh-test/location/global/prometheus';

const testbed = managedPrometheusTestbed();

async function issuer(kind: ConstructorParameters<typeof TokenIssuer>[0]) {
  const started = await new TokenIssuer(kind).start();
  testbed.stopAfterTest(() => started.stop());
  return started;
}

const frontDoor = (
  accepts: (authorization: string | undefined) => boolean,
  prefix?: string,
) => testbed.frontDoor(bearerAdmission(accepts), prefix);

function clientFor(url: string, auth: Record<string, string>) {
  const { defaultPrometheus } = readTelemetryConfig(
    new ConfigReader({ mesh: { prometheus: { url, auth } } }),
  );
  return {
    client: new PrometheusClient(defaultPrometheus!),
    authorizer: defaultPrometheus!.auth as CloudTokenAuthorizer,
  };
}

/** Tokens live just past our renewal margin: valid for a moment, then renewed. */
const SHORT_LIFETIME_S = REFRESH_MARGIN_MS / 1000 + 2;

/** Two queries share one token; once it nears expiry the next query fetches (and sends) a new one. */
async function renewsBeforeExpiry(
  client: PrometheusClient,
  authorizer: CloudTokenAuthorizer,
  issued: TokenIssuer,
  door: ManagedPrometheus,
) {
  expect((await client.query('vector(5)', new Date())).samples[0].value).toBe(
    5,
  );
  await client.query('vector(5)', new Date());
  expect(authorizer.token.fetched).toBe(1);
  expect(issued.issued).toHaveLength(1);
  await new Promise(resolve => setTimeout(resolve, 2200));
  expect((await client.query('vector(6)', new Date())).samples[0].value).toBe(
    6,
  );
  expect(authorizer.token.fetched).toBe(2);
  expect(door.requests.map(r => r.headers.authorization)).toEqual([
    `Bearer ${issued.issued[0]}`,
    `Bearer ${issued.issued[0]}`,
    `Bearer ${issued.issued[1]}`,
  ]);
}

describeWithPrometheus('managed Prometheus with cloud access tokens', () => {
  it('google: a monitoring.read token from Application Default Credentials, reused until shortly before it expires, then renewed; a refused one is a typed error', async () => {
    const metadata = await issuer('gce-metadata');
    metadata.lifetimeSeconds = SHORT_LIFETIME_S;
    process.env.GCE_METADATA_HOST = metadata.host;
    const gmp = await frontDoor(a => metadata.accepts(a), GMP_PATH);
    const { client, authorizer } = clientFor(gmp.workspaceUrl, {
      type: 'google',
    });
    await renewsBeforeExpiry(client, authorizer, metadata, gmp);
    const tokenRequests = metadata.requests.filter(r => r.includes('/token'));
    expect(decodeURIComponent(tokenRequests[0])).toContain(
      'scopes=https://www.googleapis.com/auth/monitoring.read',
    );

    metadata.revokeAll(); // the store no longer accepts the token
    const refused = await errorOf(client.query('vector(5)', new Date()));
    expect(refused!.errorType).toBe('UNAUTHORIZED');
    expect(refused!.message).toMatch(
      /answered 401 to our google OAuth2 \(Application Default Credentials, scope monitoring\.read\): Request had invalid/,
    );
    expect(refused!.message).not.toContain(metadata.issued[1]);
  });

  it('google: no token to be had is a typed UNAUTHORIZED naming google; another store keeps answering', async () => {
    process.env.GCE_METADATA_HOST = '127.0.0.1:9'; // nothing listens (discard port)
    const metadata = await issuer('gce-metadata');
    const gmp = await frontDoor(a => metadata.accepts(a), GMP_PATH);
    const broken = clientFor(gmp.workspaceUrl, { type: 'google' }).client;
    const error = await errorOf(broken.query('vector(1)', new Date()));
    expect(error!.errorType).toBe('UNAUTHORIZED');
    expect(error!.message).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+: google OAuth2 \(Application Default Credentials, scope monitoring\.read\): could not get an access token: /,
    );
    const plain = new PrometheusClient({ url: testbed.prometheusUrl });
    expect((await plain.query('vector(2)', new Date())).samples[0].value).toBe(
      2,
    );
  }, 30_000);

  it('azure: a token for the Azure Monitor Prometheus scope from DefaultAzureCredential (managed identity), reused, renewed before expiry; a refused one is a typed error', async () => {
    const identity = await issuer('azure-app-service');
    identity.lifetimeSeconds = SHORT_LIFETIME_S;
    process.env.IDENTITY_ENDPOINT = `http://${identity.host}/msi/token`;
    process.env.IDENTITY_HEADER = identity.identityHeader;
    const workspace = await frontDoor(a => identity.accepts(a), '');
    const { client, authorizer } = clientFor(workspace.workspaceUrl, {
      type: 'azure',
    });
    await renewsBeforeExpiry(client, authorizer, identity, workspace);
    expect(identity.requests[0]).toContain(
      `resource=${encodeURIComponent('https://prometheus.monitor.azure.com')}`,
    );
    identity.revokeAll();
    const refused = await errorOf(client.query('vector(8)', new Date()));
    expect(refused!.errorType).toBe('UNAUTHORIZED');
    expect(refused!.message).toMatch(
      /answered 401 to our azure DefaultAzureCredential \(scope https:\/\/prometheus\.monitor\.azure\.com\/\.default\)/,
    );
  });
});
