/*
 * Cloud cluster auth through the Kubernetes plugin's own strategies (AwsIamStrategy,
 * GoogleServiceAccountStrategy, AzureIdentityStrategy), the real @kubernetes/client-node and the
 * Kubernetes API test double, which accepts a request only by the credential it presents:
 * - aws: the EKS token is checked as aws-iam-authenticator does before calling STS (a presigned
 *   GetCallerIdentity URL for this cluster, SigV4 verified independently with the static
 *   credentials). Boundary: STS itself.
 * - googleServiceAccount: Application Default Credentials from a Google metadata-server double
 *   (GKE Workload Identity's path); the API double accepts the tokens that double issued.
 *   Boundary: Google's metadata server / token service.
 * - azure: DefaultAzureCredential → managed identity from an App Service identity-endpoint double.
 *   Boundary: Azure's managed-identity endpoint.
 * The cloud endpoints are doubles because neither network nor cloud accounts exist here.
 */
import { ConfigReader } from '@backstage/config';
import { GoogleServiceAccountStrategy } from '@backstage/plugin-kubernetes-backend';
import { LiveClusterConfig } from '../../config/clusterConfig';
import { verifyEksToken } from '../../__testUtils__/cloudAuth/sigv4Verifier';
import { TokenIssuer } from '../../__testUtils__/cloudAuth/tokenIssuers';
import { KubeApiTestServer } from '../../__testUtils__/kubeApi/KubeApiTestServer';
import {
  eventually,
  recordingLogger,
} from '../../__testUtils__/recordingLogger';
import {
  ClusterCredential,
  createClusterCredentials,
} from './clusterCredentials';
import { KubernetesInventorySource } from './KubernetesInventorySource';

const AWS = {
  accessKeyId: 'AKIAMESHTEST0000001',
  secretAccessKey: 'mesh/test+secret/0123456789abcdefghijklmn',
};

const servers: KubeApiTestServer[] = [];
const issuers: TokenIssuer[] = [];
const sources: KubernetesInventorySource[] = [];
const savedEnv = { ...process.env };
afterEach(async () => {
  sources.splice(0).forEach(s => s.stop());
  await Promise.all(servers.splice(0).map(s => s.stop()));
  await Promise.all(issuers.splice(0).map(i => i.stop()));
  process.env = { ...savedEnv };
});

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: name } },
  spec: { containers: [{ name }] },
  status: { phase: 'Running' },
});

async function apiServer(
  options: ConstructorParameters<typeof KubeApiTestServer>[0],
) {
  const server = await new KubeApiTestServer(options).start();
  server.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    pod('cart'),
  );
  servers.push(server);
  return server;
}

async function issuer(kind: ConstructorParameters<typeof TokenIssuer>[0]) {
  const started = await new TokenIssuer(kind).start();
  issuers.push(started);
  return started;
}

function cloudCluster(
  name: string,
  server: KubeApiTestServer,
  auth: LiveClusterConfig['auth'],
): LiveClusterConfig {
  return {
    source: 'kubernetes',
    name,
    url: server.url,
    auth,
    caData: server.caData,
    skipTLSVerify: false,
    istioRootNamespace: 'istio-system',
    istioClusterId: 'Kubernetes',
  };
}

const cloud = (provider: 'aws' | 'googleServiceAccount' | 'azure') =>
  ({
    type: 'cloud',
    provider,
    authMetadata: { 'kubernetes.io/auth-provider': provider },
  } as const);

function start(clusters: LiveClusterConfig[], config = {}) {
  const logger = recordingLogger();
  const source = new KubernetesInventorySource({
    clusters,
    logger,
    resyncSeconds: 600,
    initialSyncTimeoutSeconds: 90,
    backoff: { baseMs: 20, maxMs: 100 },
    credentials: createClusterCredentials(clusters, {
      config: new ConfigReader(config),
      logger,
    }),
  }).start();
  sources.push(source);
  return { source, logger };
}

const podNames = async (source: KubernetesInventorySource, cluster: string) =>
  (await source.getClusterObjects(cluster)).value.pods
    .map(p => p.metadata.name)
    .sort();

// The Kubernetes plugin's module brings the AWS, Google and Azure SDKs: loading them under Jest's
// transform takes longer than the usual test timeout on a cold cache, and Google's client loads
// its API definitions on first use (~15 s under Jest, more on a busy machine).
jest.setTimeout(180_000);
beforeAll(() => {
  jest.requireActual('@backstage/plugin-kubernetes-backend');
}, 180_000);

describe('cloud cluster auth through the Kubernetes plugin strategies', () => {
  it('aws: every request carries an EKS token signed for this cluster with the configured keys; another cluster that refuses it reports UNAUTHORIZED naming the provider', async () => {
    const eks = await apiServer({
      authenticate: req =>
        verifyEksToken(req.headers.authorization, AWS, {
          id: 'eks-prod',
          region: 'us-east-1',
        }).ok,
    });
    // This API server trusts another account: the same token must be refused there.
    const other = await apiServer({
      authenticate: req =>
        verifyEksToken(
          req.headers.authorization,
          { ...AWS, secretAccessKey: 'another-account-secret-0000000000' },
          { id: 'eks-other', region: 'us-east-1' },
        ).ok,
    });
    const { source, logger } = start(
      [
        cloudCluster('eks-prod', eks, cloud('aws')),
        cloudCluster('eks-other', other, cloud('aws')),
      ],
      { aws: { mainAccount: AWS } },
    );
    const prod = await source.getClusterObjects('eks-prod');
    expect(prod.errors).toEqual([]);
    expect(prod.value.pods.map(p => p.metadata.name)).toEqual(['cart']);
    expect(
      eks.authorizations.every(a => a?.startsWith('Bearer k8s-aws-v1.')),
    ).toBe(true);

    const refused = await source.getClusterObjects('eks-other');
    expect(refused.value.pods).toEqual([]);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        source: 'inventory',
        cluster: 'eks-other',
        errorType: 'UNAUTHORIZED',
        statusCode: 401,
        message: expect.stringContaining("(auth provider 'aws')"),
      }),
    ]);
    // Neither the token nor the secret reaches errors or logs.
    const token = eks.authorizations[0]!.replace('Bearer ', '');
    const visible = JSON.stringify(refused.errors) + logger.lines.join('\n');
    expect(visible).not.toContain(token.slice(20, 60));
    expect(visible).not.toContain(AWS.secretAccessKey);
  });

  it('googleServiceAccount: tokens from Application Default Credentials; a refused token is renewed on the long-lived watch without losing the cache', async () => {
    const metadata = await issuer('gce-metadata');
    process.env.GCE_METADATA_HOST = metadata.host;
    const gke = await apiServer({
      authenticate: req => metadata.accepts(req.headers.authorization),
    });
    const { source } = start([
      cloudCluster('gke', gke, cloud('googleServiceAccount')),
    ]);
    expect(await podNames(source, 'gke')).toEqual(['cart']);
    expect(metadata.issued).toHaveLength(1);
    const podLists = () =>
      gke.requests.filter(r => /^GET \/api\/v1\/pods\?(?!.*watch=true)/.test(r))
        .length;
    const listsBefore = podLists();

    // The token expires (revoked at the issuer) and the API server ends the open watches, as at
    // a watch timeout: the reconnect with the old token gets 401, a new token is minted and the
    // watch resumes from its resourceVersion.
    metadata.revokeAll();
    gke.closeWatches();
    await eventually(() => metadata.issued.length >= 2, 20_000);
    // Served from the cache throughout.
    expect(await podNames(source, 'gke')).toEqual(['cart']);
    gke.apply(pod('checkout'));
    await eventually(async () =>
      (await podNames(source, 'gke')).includes('checkout'),
    );
    // Every watcher retries after its back-off with the new token and recovers.
    await eventually(
      async () => (await source.getClusterObjects('gke')).errors.length === 0,
    );
    expect(podLists()).toBe(listsBefore); // resumed, not re-listed
    const latest = metadata.issued[metadata.issued.length - 1];
    expect(gke.authorizations[gke.authorizations.length - 1]).toBe(
      `Bearer ${latest}`,
    );
  });

  it('azure: DefaultAzureCredential through the managed-identity endpoint, with the AKS scope', async () => {
    const identity = await issuer('azure-app-service');
    process.env.IDENTITY_ENDPOINT = `http://${identity.host}/msi/token`;
    process.env.IDENTITY_HEADER = identity.identityHeader;
    const aks = await apiServer({
      authenticate: req => identity.accepts(req.headers.authorization),
    });
    const { source } = start([cloudCluster('aks', aks, cloud('azure'))]);
    const { value, errors } = await source.getClusterObjects('aks');
    expect(errors).toEqual([]);
    expect(value.pods.map(p => p.metadata.name)).toEqual(['cart']);
    // AKS's Entra ID server application, the resource the Kubernetes plugin asks a token for.
    expect(identity.requests[0]).toContain(
      'resource=6dae42f8-4368-4678-94ff-3960e28e3630',
    );
    // The strategy keeps its token until 15 minutes before expiry: one token for all requests.
    expect(identity.issued).toHaveLength(1);
  });

  it('a cloud credential that cannot be obtained is a typed per-cluster error naming the provider, and other clusters keep working', async () => {
    const metadata = await issuer('gce-metadata');
    process.env.GCE_METADATA_HOST = metadata.host;
    await metadata.stop(); // the metadata server is gone
    const gke = await apiServer({ authenticate: () => true });
    const plain = await apiServer({ token: 'plain-service-account-token' });
    const { source } = start([
      cloudCluster('gke', gke, cloud('googleServiceAccount')),
      cloudCluster('plain', plain, {
        type: 'serviceAccount',
        token: 'plain-service-account-token',
      }),
    ]);
    expect(await podNames(source, 'plain')).toEqual(['cart']);
    const { errors } = await source.getClusterObjects('gke');
    expect(errors).toEqual([
      expect.objectContaining({
        cluster: 'gke',
        errorType: 'UNAUTHORIZED',
        message: expect.stringMatching(
          /auth provider 'googleServiceAccount'.*could not get a credential/,
        ),
      }),
    ]);
    expect(gke.requests).toEqual([]); // nothing was sent without a credential
  });

  it('per-user providers (google, oidc) are a typed error with what to configure instead', async () => {
    const server = await apiServer({ token: 'sa-token-for-the-mesh-plugin' });
    const { source } = start([
      cloudCluster('gke-users', server, {
        type: 'unsupported',
        provider: 'google',
        reason:
          "authProvider 'google' sends each user's own token from the browser, …: set mesh.clusters[].authProvider 'googleServiceAccount' for this cluster",
      }),
      cloudCluster('ok', server, {
        type: 'serviceAccount',
        token: 'sa-token-for-the-mesh-plugin',
      }),
    ]);
    expect(await podNames(source, 'ok')).toEqual(['cart']);
    const { errors } = await source.getClusterObjects('gke-users');
    expect(errors[0]).toMatchObject({
      cluster: 'gke-users',
      message: expect.stringMatching(
        /auth provider 'google'.*set mesh\.clusters\[\]\.authProvider 'googleServiceAccount'/,
      ),
    });
  });
});

describe('ClusterCredential', () => {
  it('reuses a minted token for its reuse time, then mints a new one; a 401 right after minting does not mint again', async () => {
    const metadata = await issuer('gce-metadata');
    process.env.GCE_METADATA_HOST = metadata.host;
    const credential = new ClusterCredential(
      'googleServiceAccount',
      new GoogleServiceAccountStrategy({ config: new ConfigReader({}) }),
      {
        source: 'kubernetes',
        name: 'gke',
        url: 'https://gke.example.com',
        auth: cloud('googleServiceAccount'),
        skipTLSVerify: false,
        istioRootNamespace: 'istio-system',
        istioClusterId: 'Kubernetes',
      },
      1_000,
    );
    const first = await credential.bearerToken();
    expect(await credential.bearerToken()).toBe(first);
    await new Promise(resolve => setTimeout(resolve, 1_100));
    const second = await credential.bearerToken();
    expect(second).not.toBe(first);
    credential.invalidate(); // right after minting: a late 401 for the previous token
    expect(await credential.bearerToken()).toBe(second);
    expect(metadata.issued).toEqual([first, second]);
  });
});
