/*
 * The live-cluster inventory through the real @kubernetes/client-node over real HTTP, against the
 * Kubernetes API test double (__testUtils__/kubeApi: no real API server can be installed here) loaded
 * with real manifests: Bookinfo with sidecars, Sock Shop in ambient mode, Online Boutique out of
 * the mesh.
 */
import { LiveClusterConfig } from '../../config/clusterConfig';
import { deriveWorkloads } from '../../kube/workloads';
import { describeWithFixtures } from '../../__testUtils__/fixtures';
import {
  CORE_RESOURCES,
  istioResources,
} from '../../__testUtils__/kubeApi/defaultResources';
import { KubeApiTestServer } from '../../__testUtils__/kubeApi/KubeApiTestServer';
import { testClusterConfig } from '../../__testUtils__/kubeApi/liveCluster';
import {
  bookinfoCluster,
  onlineBoutiqueCluster,
  sockShopCluster,
} from '../../__testUtils__/kubeApi/meshFixtures';
import {
  eventually,
  recordingLogger,
} from '../../__testUtils__/recordingLogger';
import { KubernetesInventorySource } from './KubernetesInventorySource';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.test-service-account-token';

const servers: KubeApiTestServer[] = [];
const sources: KubernetesInventorySource[] = [];
afterEach(async () => {
  sources.splice(0).forEach(s => s.stop());
  await Promise.all(servers.splice(0).map(s => s.stop()));
});

async function serve(
  objects: any[],
  options: ConstructorParameters<typeof KubeApiTestServer>[0] = {},
) {
  const server = await new KubeApiTestServer({
    token: TOKEN,
    ...options,
  }).start();
  server.apply(...objects);
  servers.push(server);
  return server;
}

// The test double serves HTTPS with a self-signed certificate (its CA data is in the config).
const cluster = (name: string, server: KubeApiTestServer, token = TOKEN) =>
  testClusterConfig(name, server, token);

function liveSource(
  clusters: LiveClusterConfig[],
  logger = recordingLogger(),
  pageSize?: number,
  resyncSeconds = 600,
) {
  const source = new KubernetesInventorySource({
    clusters,
    logger,
    resyncSeconds,
    initialSyncTimeoutSeconds: 20,
    backoff: { baseMs: 20, maxMs: 200 },
    pageSize,
  }).start();
  sources.push(source);
  return source;
}

const names = (objects: Array<{ kind: string; metadata: { name: string } }>) =>
  objects.map(o => `${o.kind}/${o.metadata.name}`).sort();

describeWithFixtures(
  'KubernetesInventorySource against the Kubernetes API test double',
  () => {
    it('syncs workloads, pods and every kind of Istio object, and tells sidecar, ambient and out-of-mesh pods apart', async () => {
      const server = await serve([
        ...bookinfoCluster(),
        ...sockShopCluster(),
        ...onlineBoutiqueCluster(),
      ]);
      const source = liveSource(
        [cluster('east', server)],
        recordingLogger(),
        3,
      );
      const { value, errors } = await source.getClusterObjects('east');
      expect(errors).toEqual([]);
      expect(value.deployments).toHaveLength(6 + 14 + 12);
      expect(value.namespaces.map(n => n.metadata.name).sort()).toEqual([
        'bookinfo',
        'online-boutique',
        'sock-shop',
      ]);
      expect(
        names(value.istio.filter(o => o.metadata.namespace === 'bookinfo')),
      ).toEqual([
        'DestinationRule/details',
        'DestinationRule/productpage',
        'DestinationRule/ratings',
        'DestinationRule/reviews',
        'Gateway/bookinfo-gateway', // networking.istio.io
        'Gateway/bookinfo-gateway', // gateway.networking.k8s.io
        'HTTPRoute/bookinfo',
        'VirtualService/bookinfo',
        'VirtualService/reviews',
      ]);
      expect(
        value.istio
          .filter(
            o => o.kind === 'Gateway' && o.metadata.namespace === 'bookinfo',
          )
          .map(o => o.apiVersion)
          .sort(),
      ).toEqual(['gateway.networking.k8s.io/v1', 'networking.istio.io/v1']);
      expect(
        value.istio.find(o => o.kind === 'ServiceEntry')?.metadata.namespace,
      ).toBe('online-boutique');
      // Lists were paginated (3 per page here, 500 by default), built-in and custom resources alike.
      expect(
        server.requests.filter(
          r => r.startsWith('GET /api/v1/pods?') && r.includes('continue='),
        ).length,
      ).toBeGreaterThan(3);
      expect(
        server.requests.some(
          r =>
            r.startsWith(
              'GET /apis/networking.istio.io/v1/destinationrules?',
            ) && r.includes('continue=3'),
        ),
      ).toBe(true);

      const workloads = deriveWorkloads('east', value);
      const dataplanes = (ns: string) =>
        new Set(
          workloads
            .filter(w => w.namespace === ns)
            .flatMap(w => w.pods.map(p => p.dataplane)),
        );
      expect(dataplanes('bookinfo')).toEqual(new Set(['sidecar']));
      expect(dataplanes('sock-shop')).toEqual(new Set(['ambient']));
      expect(dataplanes('online-boutique')).toEqual(new Set(['none']));
      const reviews = workloads.find(w => w.name === 'reviews-v2')!;
      expect(reviews).toMatchObject({
        kind: 'Deployment',
        serviceAccount: 'bookinfo-reviews',
        available: 1,
      });
      expect(reviews.pods).toEqual([
        expect.objectContaining({
          ready: true,
          phase: 'Running',
          dataplane: 'sidecar',
        }),
      ]);
      // Sock Shop pods carry only `name:` labels and still join their Deployment (owner references).
      expect(workloads.find(w => w.name === 'carts')!.podLabels).toEqual({
        name: 'carts',
      });
      expect(workloads.find(w => w.name === 'carts')!.pods).toHaveLength(1);
    });

    it('picks up a new VirtualService through the watch, without listing again', async () => {
      const server = await serve(bookinfoCluster());
      const source = liveSource([cluster('east', server)]);
      await source.getClusterObjects('east');
      const lists = () =>
        server.requests.filter(
          r => r.includes('/virtualservices?') && !r.includes('watch=true'),
        ).length;
      const listsBefore = lists();
      server.apply({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'ratings-fault', namespace: 'bookinfo' },
        spec: {
          hosts: ['ratings'],
          http: [
            {
              fault: { abort: { percentage: { value: 5 }, httpStatus: 500 } },
              route: [{ destination: { host: 'ratings' } }],
            },
          ],
        },
      });
      const added = await eventually(async () =>
        (
          await source.getClusterObjects('east')
        ).value.istio.find(o => o.metadata.name === 'ratings-fault'),
      );
      expect(added.spec?.http[0].fault.abort.httpStatus).toBe(500);
      server.store.remove({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'ratings-fault', namespace: 'bookinfo' },
      });
      await eventually(
        async () =>
          !(
            await source.getClusterObjects('east')
          ).value.istio.some(o => o.metadata.name === 'ratings-fault'),
      );
      expect(lists()).toBe(listsBefore);
    });

    it('keeps the same objects through a periodic re-list that finds nothing changed, and takes a change only the re-list sees', async () => {
      const server = await serve(bookinfoCluster());
      const source = liveSource([cluster('east', server)], undefined, 500, 0.2);
      const podLists = () =>
        server.requests.filter(
          r => r.startsWith('GET /api/v1/pods?') && !r.includes('watch=true'),
        ).length;
      const first = (await source.getClusterObjects('east')).value;
      const listed = podLists();
      await eventually(async () => podLists() >= listed + 2);
      // The same assembled objects: nothing derived from them is made again.
      expect((await source.getClusterObjects('east')).value).toBe(first);

      // A change whose watch event was lost (no event): the next re-list brings it.
      const details = bookinfoCluster().find(
        o => o.kind === 'Deployment' && o.metadata.name === 'details-v1',
      );
      server.store.apply(
        {
          ...details,
          metadata: {
            ...details.metadata,
            labels: { ...details.metadata.labels, relisted: 'yes' },
          },
        },
        { event: false },
      );
      const changed = await eventually(async () => {
        const { value } = await source.getClusterObjects('east');
        return value.deployments.find(
          d => d.metadata.labels?.relisted === 'yes',
        );
      });
      expect(changed.metadata.name).toBe('details-v1');
      expect((await source.getClusterObjects('east')).value).not.toBe(first);
    });

    it('treats missing Gateway API CRDs as normal and reads Istio in the only version an old release serves', async () => {
      const server = await serve(
        bookinfoCluster()
          .filter(o => !o.apiVersion.startsWith('gateway.'))
          .map(o =>
            o.apiVersion === 'networking.istio.io/v1'
              ? { ...o, apiVersion: 'networking.istio.io/v1alpha3' }
              : o,
          ),
        { resources: [...CORE_RESOURCES, ...istioResources(['v1alpha3'])] },
      );
      const { value, errors } = await liveSource([
        cluster('old', server),
      ]).getClusterObjects('old');
      expect(errors).toEqual([]);
      expect(new Set(value.istio.map(o => o.apiVersion))).toEqual(
        new Set(['networking.istio.io/v1alpha3']),
      );
      expect(value.istio).toHaveLength(7);
      expect(
        server.requests.some(r => r.includes('gateway.networking.k8s.io')),
      ).toBe(false);
    });

    it('reports a resource the service account may not list as FORBIDDEN and serves the rest', async () => {
      const server = await serve([
        ...bookinfoCluster(),
        {
          apiVersion: 'security.istio.io/v1',
          kind: 'AuthorizationPolicy',
          metadata: { name: 'allow-nothing', namespace: 'bookinfo' },
          spec: {},
        },
      ]);
      server.forbidden.add('authorizationpolicies');
      const { value, errors } = await liveSource([
        cluster('east', server),
      ]).getClusterObjects('east');
      expect(errors).toEqual([
        expect.objectContaining({
          source: 'inventory',
          errorType: 'FORBIDDEN',
          cluster: 'east',
          statusCode: 403,
          message: expect.stringMatching(
            /^Cluster 'east' \(auth provider 'serviceAccount'\), authorizationpolicies.security.istio.io: the API server answered 403: .*cannot list resource "authorizationpolicies"/,
          ),
        }),
      ]);
      expect(value.deployments).toHaveLength(6);
      expect(value.istio.some(o => o.kind === 'AuthorizationPolicy')).toBe(
        false,
      );
    });

    it('keeps serving the other cluster and the last known state when a cluster goes down mid-run, and recovers', async () => {
      const east = await serve(bookinfoCluster());
      const west = await serve(sockShopCluster());
      const source = liveSource([cluster('east', east), cluster('west', west)]);
      expect(
        (await source.getClusterObjects('west')).value.deployments,
      ).toHaveLength(14);

      await west.stop();
      const down = await eventually(async () => {
        const result = await source.getClusterObjects('west');
        return result.errors.length > 0 && result;
      });
      expect(
        down.errors.every(
          e => e.errorType === 'UNREACHABLE' && e.cluster === 'west',
        ),
      ).toBe(true);
      expect(down.errors[0].message).toMatch(
        /^Cluster 'west', .*: (cannot reach the API server \(ECONN(REFUSED|RESET)\)|the API server closed the connection \(UND_ERR_SOCKET\))/,
      );
      expect(down.value.deployments).toHaveLength(14);
      expect(await source.getClusterObjects('east')).toMatchObject({
        errors: [],
      });

      west.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'added-while-down' },
      });
      await west.start();
      const back = await eventually(async () => {
        const result = await source.getClusterObjects('west');
        return result.errors.length === 0 && result;
      });
      expect(back.value.namespaces.map(n => n.metadata.name)).toContain(
        'added-while-down',
      );
    });

    it('reports a rejected token as UNAUTHORIZED without the token or CA data in errors or logs', async () => {
      const server = await serve(bookinfoCluster());
      const logger = recordingLogger();
      const wrongToken = 'eyJhbGciOiJSUzI1NiJ9.wrong-token-of-another-cluster';
      const result = await liveSource(
        [cluster('east', server, wrongToken)],
        logger,
      ).getClusterObjects('east');
      expect(result.errors).toEqual([
        expect.objectContaining({
          errorType: 'UNAUTHORIZED',
          cluster: 'east',
          statusCode: 401,
        }),
      ]);
      const visible = JSON.stringify(result) + logger.lines.join('\n');
      expect(logger.lines.some(l => l.includes("Cluster 'east'"))).toBe(true);
      for (const secret of [wrongToken, TOKEN, server.caData!])
        expect(visible).not.toContain(secret);
    });
  },
);
