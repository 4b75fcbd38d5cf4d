/*
 * Runs the Kubernetes API test double with a synthetic cluster in its own process, so the
 * inventory benchmark measures only the backend's memory. Prints one JSON line { url, caData, pods }.
 * With BENCH_POD_CHURN set, it replaces that many pods a minute (./podChurn).
 */
import { KubeApiTestServer } from '../src/__testUtils__/kubeApi/KubeApiTestServer';
import { churnPods } from './podChurn';
import { syntheticCluster } from './syntheticCluster';

async function main() {
  const [namespaces, deploymentsPerNamespace, replicas] = process.argv
    .slice(2)
    .map(Number);
  const server = await new KubeApiTestServer({
    token: process.env.BENCH_TOKEN,
  }).start();
  const objects = syntheticCluster({
    namespaces,
    deploymentsPerNamespace,
    replicas,
  });
  server.apply(...objects);
  // BENCH_POD_CHURN: pods replaced a minute from now on (./podChurn); none by default.
  const churn = Number(process.env.BENCH_POD_CHURN ?? 0);
  if (churn > 0) churnPods(server, objects, churn);
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      caData: server.caData,
      pods: objects.filter(o => o.kind === 'Pod').length,
      objects: objects.length,
    })}\n`,
  );
}

main();
