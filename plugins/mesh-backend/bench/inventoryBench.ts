/*
 * Benchmark of the live-cluster watch cache:
 *   npm run bench:inventory            (from the repository root)
 * A generated cluster (default 100 namespaces × 20 Deployments × 5 replicas = 10,000 pods, with
 * Services, ServiceAccounts, ReplicaSets and 4,000 Istio objects) is served over HTTPS by the
 * Kubernetes API test double in a child process; this process runs the real watch cache
 * (@kubernetes/client-node, paginated lists, watches) and reports the initial sync time, the heap
 * and RSS the cache adds, and the cost of a request that reads the inventory cold and warm.
 * Sizes: BENCH_NAMESPACES, BENCH_DEPLOYMENTS (per namespace), BENCH_REPLICAS.
 */
import { workloadsOf } from '../src/kube/workloadsCache';
import { KubernetesInventorySource } from '../src/sources/kubernetes/KubernetesInventorySource';
import { testClusterConfig } from '../src/__testUtils__/kubeApi/liveCluster';
import { recordingLogger } from '../src/__testUtils__/recordingLogger';
import { sampleAllocations } from './allocationSampler';
import { startSyntheticKubeApi } from './syntheticKubeApi';

const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 100);
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 20);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 5);
const TOKEN = 'bench-token-0123456789';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function settledMemory() {
  for (let i = 0; i < 3; i++) global.gc?.();
  return process.memoryUsage();
}

async function main() {
  if (!global.gc)
    throw new Error('run with --expose-gc (npm run bench:inventory does)');
  console.log(
    `Generating ${
      NAMESPACES * DEPLOYMENTS * REPLICAS
    } pods in ${NAMESPACES} namespaces …`,
  );
  const server = await startSyntheticKubeApi(
    {
      namespaces: NAMESPACES,
      deploymentsPerNamespace: DEPLOYMENTS,
      replicas: REPLICAS,
    },
    TOKEN,
  );
  console.log(
    `API test double: ${server.objects} objects (${server.pods} pods) at ${server.url}`,
  );
  await import('@kubernetes/client-node'); // load the client before the baseline, it is not cache memory
  const before = settledMemory();

  const allocations = await sampleAllocations();
  const t0 = process.hrtime.bigint();
  const source = new KubernetesInventorySource({
    clusters: [testClusterConfig('bench', server, TOKEN)],
    logger: recordingLogger(),
    resyncSeconds: 3600,
    initialSyncTimeoutSeconds: 600,
  }).start();
  const first = await source.getClusterObjects('bench');
  const syncMs = ms(t0);
  const allocated = await allocations();
  if (first.errors.length) throw new Error(JSON.stringify(first.errors));
  const after = settledMemory();

  const t1 = process.hrtime.bigint();
  const objects = (await source.getClusterObjects('bench')).value;
  const cold = workloadsOf('bench', objects);
  const coldMs = ms(t1);
  const t2 = process.hrtime.bigint();
  const warm = workloadsOf(
    'bench',
    (await source.getClusterObjects('bench')).value,
  );
  const warmMs = ms(t2);

  console.log('');
  console.log(
    `objects cached:          ${objects.pods.length} pods, ${objects.deployments.length} deployments, ${objects.replicaSets.length} replicasets, ${objects.services.length} services, ${objects.istio.length} Istio objects`,
  );
  console.log(
    `initial sync:            ${(syncMs / 1000).toFixed(
      2,
    )} s (discovery + paginated lists of 22 resources, HTTPS)`,
  );
  console.log(
    `heap added by the cache: ${mb(
      after.heapUsed - before.heapUsed,
    )} (heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)})`,
  );
  console.log(
    `allocated in the sync:   ${
      allocated.totalMB
    } MB, garbage included (most: ${allocated.top
      .slice(0, 4)
      .map(a => `${a.where} ${a.mb} MB`)
      .join('; ')})`,
  );
  console.log(
    `RSS added:               ${mb(after.rss - before.rss)} (RSS ${mb(
      before.rss,
    )} → ${mb(after.rss)})`,
  );
  console.log(
    `request, cold:           ${coldMs.toFixed(1)} ms (assemble + derive ${
      cold.length
    } workloads)`,
  );
  console.log(
    `request, warm:           ${warmMs.toFixed(
      2,
    )} ms (nothing changed: cached objects and workloads, same=${
      warm === cold
    })`,
  );
  source.stop();
  server.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
