/*
 * The adopter test's "cluster": what an adopter's real mesh would give the plugin, made from the
 * demo generator but served the way real clusters are, not through the embedded demo:
 *
 * - manifests: the Kubernetes and Istio objects of Bookinfo, Sock Shop and Online Boutique plus a
 *   "fleet" app (one hub calling FLEET_SIZE services, for a graph above the layout worker
 *   threshold), written as `kubectl get -o yaml` Lists for a snapshot cluster;
 * - metrics: the Istio standard metrics those apps' proxies and ztunnel would report, served as
 *   /metrics and /metrics/ztunnel and scraped by a real Prometheus (Debian's `prometheus`).
 *
 * Test infrastructure, run from the workspace with the Backstage CLI's TypeScript loader:
 *   node -r @backstage/cli/config/nodeTransform.cjs e2e/adopter/meshData.ts <manifestDir>
 * Prints one JSON line `{ prometheusUrl, exporterUrl, clusterName, fleetSize }` once Prometheus
 * holds enough samples for rate(), then runs until it gets SIGTERM.
 */
import fs from 'fs';
import path from 'path';
import { stringify } from 'yaml';
import { startDemoMetricsServer } from '../../plugins/mesh-backend/src/sources/demo/DemoMetricsServer';
import { DemoMesh } from '../../plugins/mesh-backend/src/sources/demo/DemoMesh';
import { appObjects } from '../../plugins/mesh-backend/src/sources/demo/builders';
import {
  DemoApp,
  DemoMeshModel,
} from '../../plugins/mesh-backend/src/sources/demo/model';
import { demoMeshModel } from '../../plugins/mesh-backend/src/sources/demo/topologies';
import { startPrometheus } from '../../plugins/mesh-backend/src/__testUtils__/prometheus';

/** Services the fleet hub calls: its graph has FLEET_SIZE + 2 nodes, above the worker's 60. */
export const FLEET_SIZE = 70;

const fleet: DemoApp = {
  id: 'fleet',
  namespace: 'fleet',
  dataplane: 'sidecar',
  loadPhase: 2.1,
  entries: [
    {
      from: { namespace: 'fleet', workload: 'fleet-client' },
      service: 'fleet-hub',
      namespace: 'fleet',
      rps: 8,
    },
  ],
  services: [
    {
      name: 'fleet-client',
      port: 8080,
      portName: 'http',
      labelStyle: 'app',
      clientOnly: true,
      workloads: [{ behaviour: { latency: { medianMs: 1, p99Ms: 2 } } }],
    },
    {
      name: 'fleet-hub',
      port: 8080,
      portName: 'http',
      labelStyle: 'app',
      kubernetesIdLabel: true,
      workloads: [
        {
          version: 'v1',
          behaviour: {
            latency: { medianMs: 30, p99Ms: 200 },
            calls: Array.from({ length: FLEET_SIZE }, (_, i) => ({
              service: `fleet-svc-${i}`,
              perRequest: 0.1,
            })),
          },
        },
      ],
    },
    ...Array.from({ length: FLEET_SIZE }, (_, i) => ({
      name: `fleet-svc-${i}`,
      port: 8080,
      portName: 'http',
      labelStyle: 'app' as const,
      workloads: [
        {
          version: 'v1',
          behaviour: { latency: { medianMs: 5 + (i % 7), p99Ms: 60 } },
        },
      ],
    })),
  ],
  istio: [],
};

// An adopter's cluster name, and Istio's default cluster id (what `mesh.clusters[]` assumes).
const model: DemoMeshModel = {
  ...demoMeshModel,
  clusterName: 'shop-snapshot',
  istioClusterId: 'Kubernetes',
  apps: [...demoMeshModel.apps, fleet],
};

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: meshData.ts <manifestDir>');
  fs.mkdirSync(dir, { recursive: true });
  const list = (items: unknown[]) => ({
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items,
  });
  fs.writeFileSync(
    path.join(dir, 'platform.yaml'),
    stringify(list(model.platform)),
  );
  for (const app of model.apps)
    fs.writeFileSync(
      path.join(dir, `${app.id}.yaml`),
      stringify(list(appObjects(app))),
    );

  const mesh = new DemoMesh({ model });
  const exporter = await startDemoMetricsServer(mesh);
  const address = exporter.url.replace('http://', '');
  const prometheus = await startPrometheus([
    { job: 'istio-proxies', address },
    {
      job: 'ztunnel',
      address,
      metricsPath: '/metrics/ztunnel',
      labels: { app: 'ztunnel' },
    },
  ]);
  // rate() needs two samples in its window: wait for a few scrapes of the fleet's series.
  const query = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
    'count(count_over_time(istio_requests_total{destination_workload="fleet-hub-v1"}[1m]) >= 3)',
  )}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const body = await (await fetch(query)).json().catch(() => undefined);
    if (body?.data?.result?.length) break;
    if (Date.now() > deadline) {
      // Exiting on an error must not leave the Prometheus server running.
      await prometheus.stop();
      await exporter.close();
      throw new Error('Prometheus did not scrape the exporter in time');
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const stop = async () => {
    await prometheus.stop();
    await exporter.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(
    JSON.stringify({
      prometheusUrl: prometheus.url,
      exporterUrl: exporter.url,
      clusterName: model.clusterName,
      fleetSize: FLEET_SIZE,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
