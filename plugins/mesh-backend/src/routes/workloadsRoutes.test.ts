/*
 * Acceptance of live clusters, through a real test backend and real HTTP (see __testUtils__/testBackend
 * for the test doubles of catalog and permissions). Backstage is configured like a Kubernetes-plugin
 * installation: cluster `east` comes from `kubernetes.clusterLocatorMethods` (the Kubernetes API
 * test double over HTTPS with a service-account token, loaded with Bookinfo), `boutique-dump` is a
 * snapshot cluster (a `kubectl get -o yaml` List dump of Online Boutique) and `gone` is a configured
 * cluster whose API server is not running.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MeshEntityGraphResponse,
  MeshEntityWorkloadsResponse,
} from '@mesh-portal/plugin-mesh-common';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { stringify } from 'yaml';
import { describeWithFixtures } from '../__testUtils__/fixtures';
import { KubeApiTestServer } from '../__testUtils__/kubeApi/KubeApiTestServer';
import {
  bookinfoCluster,
  onlineBoutiqueCluster,
} from '../__testUtils__/kubeApi/meshFixtures';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.backstage-mesh-reader-token';

describeWithFixtures(
  'GET /entities/by-name/:kind/:namespace/:name/workloads with live and snapshot clusters',
  () => {
    let api: KubeApiTestServer;
    let dumpDir: string;
    let config: any;

    beforeAll(async () => {
      api = await new KubeApiTestServer({ token: TOKEN }).start();
      api.apply(...bookinfoCluster());
      dumpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-snapshot-'));
      // What `kubectl get ns,deploy,rs,pods,svc,sa,virtualservices,gateways.gateway.networking.k8s.io,httproutes,serviceentries -n online-boutique -o yaml` writes.
      const dump = {
        apiVersion: 'v1',
        kind: 'List',
        metadata: { resourceVersion: '' },
        items: onlineBoutiqueCluster(),
      };
      fs.writeFileSync(
        path.join(dumpDir, 'online-boutique.yaml'),
        stringify(dump),
      );
      config = {
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'east',
                  url: api.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                  caData: api.caData,
                },
                {
                  name: 'gone',
                  url: 'https://127.0.0.1:9',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                  caData: api.caData,
                },
              ],
            },
          ],
        },
        mesh: {
          // Istio cluster ids must differ (they tell the clusters' traffic apart).
          clusters: [
            { name: 'east', istioClusterId: 'east' },
            { name: 'gone', istioClusterId: 'gone' },
            {
              name: 'boutique-dump',
              istioClusterId: 'boutique',
              snapshot: { path: dumpDir },
            },
          ],
        },
      };
    });
    afterAll(async () => {
      await api.stop();
      fs.rmSync(dumpDir, { recursive: true, force: true });
    });

    const get = async (name: string, route = 'workloads', query = '') =>
      request(await startMeshBackend({ config, demo: false })).get(
        entityUrl(name, route, query),
      );

    it('maps productpage to its Bookinfo workload with its pods, Service and the Istio objects that apply', async () => {
      const res = await get('productpage');
      expect(res.status).toBe(200);
      const body: MeshEntityWorkloadsResponse = res.body;
      expect(openApiErrors('EntityWorkloads', body)).toEqual([]);
      expect(body.clusters).toEqual([
        { name: 'east', kind: 'kubernetes' },
        { name: 'gone', kind: 'kubernetes' },
        { name: 'boutique-dump', kind: 'snapshot' },
      ]);
      expect(body.mapping).toMatchObject({
        entityRef: 'component:default/productpage',
        labelSelector: 'app=productpage',
        namespace: 'bookinfo',
        workloads: [
          {
            cluster: 'east',
            namespace: 'bookinfo',
            kind: 'Deployment',
            name: 'productpage-v1',
            app: 'productpage',
            version: 'v1',
          },
        ],
      });
      expect(body.workloads[0]).toMatchObject({
        dataplane: 'sidecar',
        serviceAccount: 'bookinfo-productpage',
        namespaceLabels: { 'istio-injection': 'enabled' },
        replicas: { desired: 1, available: 1 },
        pods: [
          expect.objectContaining({
            ready: true,
            phase: 'Running',
            dataplane: 'sidecar',
          }),
        ],
        services: [
          { name: 'productpage', ports: [{ name: 'http', port: 9080 }] },
        ],
        matchedBy: 'labelSelector',
      });
      const applied = body.istioObjects.map(
        o => `${o.apiVersion} ${o.kind} ${o.name}: ${o.reasons.join(',')}`,
      );
      expect(applied).toEqual([
        'gateway.networking.k8s.io/v1 Gateway bookinfo-gateway: gatewayBinding',
        'gateway.networking.k8s.io/v1 HTTPRoute bookinfo: route',
        'networking.istio.io/v1 DestinationRule productpage: host',
        'networking.istio.io/v1 Gateway bookinfo-gateway: gatewayBinding',
        'networking.istio.io/v1 VirtualService bookinfo: route',
      ]);
      expect(
        body.istioObjects.every(
          o =>
            o.cluster === 'east' &&
            o.workloads.join() === 'east/bookinfo/productpage-v1',
        ),
      ).toBe(true);
      expect(
        body.istioObjects.find(o => o.kind === 'DestinationRule')?.spec,
      ).toMatchObject({ trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
    });

    it('maps frontend (kubernetes-id, pods labelled only app=frontend) in the snapshot cluster through the canonical-service fallback', async () => {
      const body: MeshEntityWorkloadsResponse = (await get('frontend')).body;
      expect(body.mapping.labelSelector).toBe(
        'backstage.io/kubernetes-id=frontend',
      );
      expect(body.mapping.workloads).toEqual([
        {
          cluster: 'boutique-dump',
          namespace: 'online-boutique',
          kind: 'Deployment',
          name: 'frontend',
          app: 'frontend',
        },
      ]);
      expect(body.workloads[0]).toMatchObject({
        dataplane: 'none',
        matchedBy: 'canonicalService',
        pods: [expect.objectContaining({ dataplane: 'none' })],
      });
      expect(
        body.istioObjects.map(
          o => `${o.kind} ${o.name}: ${o.reasons.join(',')}`,
        ),
      ).toEqual([
        'Gateway istio-gateway: gatewayBinding',
        'HTTPRoute frontend-route: route',
        // Its host pins frontend.default, but it routes to `frontend` of its own namespace.
        'VirtualService frontend: route',
      ]);
    });

    it('reports the cluster that is down as a typed error and never shows credentials', async () => {
      const res = await get('productpage');
      const gone = res.body.errors.filter(
        (e: { cluster?: string }) => e.cluster === 'gone',
      );
      expect(gone).toEqual([
        expect.objectContaining({
          source: 'inventory',
          errorType: 'UNREACHABLE',
          message: expect.stringMatching(
            /^Cluster 'gone', API discovery: cannot reach the API server/,
          ),
        }),
      ]);
      expect(
        res.body.errors.filter(
          (e: { cluster?: string }) => e.cluster !== 'gone',
        ),
      ).toEqual([]);
      expect(res.text).not.toContain(TOKEN);
      expect(res.text).not.toContain(api.caData);
    });

    it('builds the graph from the live inventory', async () => {
      const graph: MeshEntityGraphResponse = (await get('reviews', 'graph'))
        .body;
      expect(
        graph.mapping.workloads.map(w => `${w.cluster}/${w.name}`),
      ).toEqual(['east/reviews-v1', 'east/reviews-v2', 'east/reviews-v3']);
      expect(
        graph.errors.filter(
          e => e.source === 'inventory' && e.cluster !== 'gone',
        ),
      ).toEqual([]);
    });

    it.each([
      ['productpage', '?window=5m', 400, /Unrecognized key/],
      [
        'does-not-exist',
        '',
        404,
        /Entity component:default\/does-not-exist not found/,
      ],
    ])(
      'answers %s/workloads%s with %s',
      async (name, query, status, message) => {
        const res = await get(name, 'workloads', query);
        expect(res.status).toBe(status);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it('answers 401 without credentials and 403 when mesh.entity.read is denied', async () => {
      const unauthenticated = await request(
        await startMeshBackend({ config, demo: false }),
      )
        .get(entityUrl('productpage', 'workloads'))
        .set('Authorization', mockCredentials.none.header());
      expect(unauthenticated.status).toBe(401);
      const denied = await request(
        await startMeshBackend({
          config,
          demo: false,
          permission: AuthorizeResult.DENY,
        }),
      ).get(entityUrl('productpage', 'workloads'));
      expect(denied.status).toBe(403);
    });
  },
);
