/*
 * `npm run bench:istio`: in process, what the graph step that badges nodes with their Istio
 * configuration (src/graph/appenders/addIstioConfig) costs over the whole mesh, and what a
 * whole-mesh buildGraph costs, for the synthetic mesh of bench:scale (./syntheticMesh) with the
 * Services, VirtualServices and DestinationRules of ./syntheticCluster (one of each per workload)
 * plus one mesh-wide wildcard DestinationRule, at 1,000 and 5,000 workloads (workload graph).
 * Back to back: the step with its host indexes (`indexed`: the first run builds the indexes, the
 * median of the next runs reuses them) and the plain scan it replaced (`scan`, the test double in
 * src/graph/__testUtils__/istioConfigReference), alone and inside buildGraph. Prints one JSON line
 * last. Knobs: BENCH_ISTIO_SIZES (e.g. `100x10x5000`: namespaces × workloads per namespace ×
 * edges), BENCH_ISTIO_RUNS.
 */
import { addIstioConfig } from '../src/graph/appenders/addIstioConfig';
import { indexWorkloads } from '../src/graph/appenders/workloadsOfNode';
import { buildGraph, GRAPH_STEPS, GraphInput } from '../src/graph/buildGraph';
import { addIstioConfigReference } from '../src/graph/__testUtils__/istioConfigReference';
import { buildTrafficMap } from '../src/graph/buildTrafficMap';
import { DEFAULT_HEALTH_RULES } from '../src/health/objectHealth';
import { toClusterObjects } from '../src/kube/clusterObjects';
import { syntheticCluster } from './syntheticCluster';
import {
  measureBySize,
  syntheticMesh,
  syntheticSnapshot,
} from './syntheticMesh';

const RUNS = Number(process.env.BENCH_ISTIO_RUNS ?? 3);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const round = (ms: number) => Math.round(ms * 10) / 10;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** First run and the median of all runs. */
function timed(run: () => void): { firstMs: number; medianMs: number } {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = now();
    run();
    ms.push(now() - t);
  }
  return { firstMs: round(ms[0]), medianMs: round(median(ms)) };
}

/** Runs `run` with the pipeline's addIstioConfig step swapped for the plain scan. */
function withScanStep(run: () => void): () => void {
  return () => {
    const step = GRAPH_STEPS.find(([name]) => name === 'addIstioConfig')!;
    const indexed = step[1];
    step[1] = (map, input) =>
      addIstioConfigReference(
        map,
        input.istioObjects ?? [],
        indexWorkloads(input.workloads),
        input.services,
      );
    try {
      run();
    } finally {
      step[1] = indexed;
    }
  };
}

function measureSize(namespaces: number, perNamespace: number, edges: number) {
  const mesh = syntheticMesh(namespaces, perNamespace, edges);
  const cluster = toClusterObjects(
    syntheticCluster({
      namespaces,
      deploymentsPerNamespace: perNamespace,
      replicas: 1,
    }).filter(o => o.kind !== 'Pod'),
    {},
  );
  const services = cluster.services.map(s => ({ ...s, cluster: 'bench' }));
  const istioObjects = [
    ...cluster.istio,
    // Common in real meshes: one rule for every host (e.g. mesh-wide TLS settings).
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: {
        host: '*.local',
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      },
    },
  ].map(o => ({ ...o, cluster: 'bench' }));
  const traffic = syntheticSnapshot(mesh);
  const input: GraphInput = {
    graphType: 'workload',
    windowSeconds: 300,
    time: new Date(),
    traffic,
    workloads: mesh.workloads,
    services,
    serviceEntries: [],
    istioObjects,
    owners: new Map(),
    clusterName: id => id,
    health: DEFAULT_HEALTH_RULES,
    errors: [],
  };
  const map = buildTrafficMap(traffic, 'workload', input.clusterName);
  const index = indexWorkloads(mesh.workloads);
  const badges = () =>
    JSON.stringify([...map.nodes.values()].map(n => n.istio));
  const indexed = timed(() =>
    addIstioConfig(map, istioObjects, index, services),
  );
  const indexedBadges = badges();
  const scan = timed(() =>
    addIstioConfigReference(map, istioObjects, index, services),
  );
  const sameBadges = badges() === indexedBadges;
  const buildGraphMs = {
    indexed: timed(() => buildGraph(input)),
    scan: timed(withScanStep(() => buildGraph(input))),
  };
  return {
    workloads: mesh.workloads.length,
    edges: mesh.edges,
    services: services.length,
    istioObjects: istioObjects.length,
    nodes: map.nodes.size,
    badged: [...map.nodes.values()].filter(n => n.istio).length,
    sameBadges,
    addIstioConfigMs: { indexed, scan },
    buildGraphMs,
  };
}

void measureBySize(
  process.env.BENCH_ISTIO_SIZES ?? '100x10x5000,500x10x25000',
  'istioConfigBySize',
  measureSize,
);
