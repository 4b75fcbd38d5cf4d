import { ConfigReader } from '@backstage/config';
import { readClusterConfig } from './clusterConfig';
import { readMeshConfig } from './readMeshConfig';

const kubernetes = (clusters: object[]) => ({
  kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
});

describe('readClusterConfig', () => {
  it("reads the Kubernetes plugin's config clusters and adds mesh settings by name", () => {
    const settings = readClusterConfig(
      new ConfigReader({
        ...kubernetes([
          {
            name: 'east',
            url: 'https://east:6443',
            authProvider: 'serviceAccount',
            serviceAccountToken: 't0ken-east',
            caData: 'Q0E=',
          },
          {
            name: 'west',
            url: 'https://west:6443',
            authMetadata: { 'kubernetes.io/auth-provider': 'google' },
          },
        ]),
        mesh: {
          clusters: [
            {
              name: 'east',
              istioRootNamespace: 'istio-config',
              istioClusterId: 'east-1',
            },
            { name: 'west', istioClusterId: 'west-1' },
            {
              name: 'dump',
              istioClusterId: 'dump-1',
              snapshot: { path: '/dumps/a' },
            },
          ],
        },
      }),
    );
    expect(settings.clusters).toEqual([
      expect.objectContaining({
        source: 'kubernetes',
        name: 'east',
        url: 'https://east:6443',
        auth: { type: 'serviceAccount', token: 't0ken-east' },
        caData: 'Q0E=',
        istioRootNamespace: 'istio-config',
        istioClusterId: 'east-1',
      }),
      expect.objectContaining({
        source: 'kubernetes',
        name: 'west',
        auth: expect.objectContaining({
          type: 'unsupported',
          provider: 'google',
        }),
        istioRootNamespace: 'istio-system',
      }),
      expect.objectContaining({
        source: 'snapshot',
        name: 'dump',
        path: '/dumps/a',
        defaultNamespace: 'default',
      }),
    ]);
    expect(settings.warnings).toEqual([
      expect.stringMatching(
        /cluster 'west': authProvider 'google' sends each user's own token .*mesh\.clusters\[\]\.authProvider 'googleServiceAccount'/,
      ),
    ]);
  });

  it('adds development clusters and rejects what cannot work, naming the key', () => {
    const dev = readClusterConfig(
      new ConfigReader({
        mesh: {
          kubeconfig: { context: 'kind-mesh' },
          inCluster: {},
          clusters: [{ name: 'in-cluster', istioClusterId: 'in-cluster' }],
        },
      }),
    );
    expect(
      dev.clusters.map(c => [c.name, c.source === 'kubernetes' && c.auth.type]),
    ).toEqual([
      ['kind-mesh', 'kubeconfig'],
      ['in-cluster', 'inCluster'],
    ]);
    expect(() =>
      readClusterConfig(
        new ConfigReader({ mesh: { clusters: [{ name: 'nowhere' }] } }),
      ),
    ).toThrow(
      /mesh.clusters\[0\] refers to cluster 'nowhere', which is not configured/,
    );
    expect(() =>
      readClusterConfig(
        new ConfigReader({
          mesh: { clusters: [{ name: 'a', source: 'etcd' }] },
        }),
      ),
    ).toThrow(/source must be 'kubernetes' or 'snapshot'/);
    expect(() =>
      readClusterConfig(
        new ConfigReader({
          ...kubernetes([{ name: 'x', url: 'https://x' }]),
          mesh: { clusters: [{ name: 'x', snapshot: { path: '/d' } }] },
        }),
      ),
    ).toThrow(/Cluster name 'x' is configured twice/);
  });

  it("reads cloud auth providers with the Kubernetes plugin's auth metadata, and a mesh-only provider for per-user clusters", () => {
    const settings = readClusterConfig(
      new ConfigReader({
        ...kubernetes([
          {
            name: 'eks',
            url: 'https://eks',
            authProvider: 'aws',
            assumeRole: 'arn:aws:iam::123456789012:role/mesh-reader',
            externalId: 'mesh',
          },
          {
            name: 'aks',
            url: 'https://aks',
            authMetadata: { 'kubernetes.io/auth-provider': 'azure' },
          },
          { name: 'gke', url: 'https://gke', authProvider: 'google' },
          { name: 'corp', url: 'https://corp', authProvider: 'oidc' },
        ]),
        mesh: {
          clusters: [
            { name: 'eks', istioClusterId: 'eks' },
            { name: 'aks', istioClusterId: 'aks' },
            {
              name: 'gke',
              istioClusterId: 'gke',
              authProvider: 'googleServiceAccount',
            },
            {
              name: 'corp',
              istioClusterId: 'corp',
              authProvider: 'serviceAccount',
              serviceAccountToken: 'mesh-reader-token',
            },
          ],
        },
      }),
    );
    const auth = Object.fromEntries(
      settings.clusters.map(c => [c.name, c.source === 'kubernetes' && c.auth]),
    );
    expect(auth).toEqual({
      eks: {
        type: 'cloud',
        provider: 'aws',
        authMetadata: {
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/aws-assume-role':
            'arn:aws:iam::123456789012:role/mesh-reader',
          'kubernetes.io/aws-external-id': 'mesh',
        },
      },
      aks: {
        type: 'cloud',
        provider: 'azure',
        authMetadata: { 'kubernetes.io/auth-provider': 'azure' },
      },
      gke: {
        type: 'cloud',
        provider: 'googleServiceAccount',
        authMetadata: {
          'kubernetes.io/auth-provider': 'googleServiceAccount',
        },
      },
      corp: { type: 'serviceAccount', token: 'mesh-reader-token' },
    });
    expect(settings.warnings).toEqual([]);
  });

  it('never enables the demo implicitly, with or without clusters', () => {
    expect(readMeshConfig(new ConfigReader({})).demo.enabled).toBe(false);
    expect(
      readMeshConfig(
        new ConfigReader({
          kubernetes: { clusterLocatorMethods: [{ type: 'catalog' }] },
        }),
      ).demo.enabled,
    ).toBe(false);
    expect(
      readMeshConfig(
        new ConfigReader(kubernetes([{ name: 'e', url: 'https://e' }])),
      ).demo.enabled,
    ).toBe(false);
    expect(
      readMeshConfig(
        new ConfigReader({
          mesh: { clusters: [{ name: 'd', snapshot: { path: '/d' } }] },
        }),
      ).demo.enabled,
    ).toBe(false);
    expect(
      readMeshConfig(
        new ConfigReader({
          mesh: {
            demo: { enabled: true },
            clusters: [{ name: 'd', snapshot: { path: '/d' } }],
          },
        }),
      ).demo.enabled,
    ).toBe(true);
  });
  it('refuses two clusters with the same Istio cluster id, which would merge their traffic', () => {
    const read = () =>
      readClusterConfig(
        new ConfigReader({
          ...kubernetes([
            { name: 'east', url: 'https://east:6443' },
            { name: 'west', url: 'https://west:6443' },
          ]),
        }),
      );
    expect(read).toThrow(
      /clusters 'east' and 'west' have the same Istio cluster id 'Kubernetes'.*mesh\.clusters\[\]\.istioClusterId/,
    );
    expect(() =>
      readClusterConfig(
        new ConfigReader({
          ...kubernetes([
            { name: 'east', url: 'https://east:6443' },
            { name: 'west', url: 'https://west:6443' },
          ]),
          mesh: {
            clusters: [
              { name: 'east', istioClusterId: 'east-1' },
              { name: 'west', istioClusterId: 'west-1' },
            ],
          },
        }),
      ),
    ).not.toThrow();
  });
});
