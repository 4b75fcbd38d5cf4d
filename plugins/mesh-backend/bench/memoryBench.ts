/*
 * `npm run bench:memory`: what the mesh model's in-memory parts hold, in process, for the
 * synthetic mesh (./syntheticMesh) at two sizes — 1,000 workloads / 5,000 edges and 5,000 / 25,000
 * (issue 15) — and what an entity's 2-hop graph then costs. No Prometheus: each size's snapshot
 * is made from the synthetic series as Prometheus answers the model's queries (one sample per
 * request label set, three latency quantiles per edge) and passed through JSON, as the model gets
 * it from Prometheus or from the shared cache. Heap after full GCs (run with --expose-gc) per part:
 * the snapshot of one window, its object health, the graph base of each graph type, and what the
 * service's per-snapshot store keeps after a request of every graph type in each of the 4
 * canonical windows; the whole mesh's graph answer (the overview's and the mesh graph page's,
 * shared per snapshot and caller view) and its JSON; and the snapshot as the shared cache keeps it
 * (size, pack and unpack time).
 * Prints one JSON line last. Knobs: BENCH_MEMORY_SIZES (e.g. `100x10x5000,
 * 500x10x25000`: namespaces × workloads per namespace × edges), BENCH_MEMORY_REQUESTS.
 */
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import {
  focusedGraph,
  buildMeshGraphBase,
  MeshGraphBases,
  wholeGraph,
} from '../src/graph/meshGraphBase';
import { GraphInput } from '../src/graph/buildGraph';
import { DEFAULT_HEALTH_RULES, objectHealth } from '../src/health/objectHealth';
import { TrafficSnapshot } from '../src/sources/types';
// The snapshot as the mesh model keeps it (the test helper the equivalence tests use).
import { packedSnapshot } from '../src/__testUtils__/snapshotSamples';
import { packEntry, unpackEntry } from '../src/sources/model/packedEntry';
import { prng } from '../src/sources/demo/traffic/random';
import {
  measureBySize,
  syntheticMesh,
  syntheticSnapshot,
} from './syntheticMesh';

const GRAPH_TYPES: MeshGraphType[] = [
  'workload',
  'app',
  'versionedApp',
  'service',
];
const WINDOWS = [60, 300, 600, 3600];

/** V8's heap and the typed arrays' memory outside it (packed samples live there). */
const heapMb = () => {
  for (let i = 0; i < 4; i++) global.gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
};

const round = (mb: number) => Math.round(mb * 10) / 10;
const now = () => Number(process.hrtime.bigint()) / 1e6;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * The snapshot as the shared cache keeps it (../src/sources/model/packedEntry): written by the
 * refreshing replica, read by every other one. Elapsed times (gzip runs on libuv's pool).
 */
async function cacheEntryCost(snapshot: TrafficSnapshot) {
  let t = now();
  const entry = await packEntry({ time: Date.now(), snapshot, errors: [] });
  const packMs = now() - t;
  t = now();
  await unpackEntry(JSON.parse(JSON.stringify(entry)));
  return {
    packedMB: round(entry.packed.length / 1e6),
    packMs: Math.round(packMs),
    unpackMs: Math.round(now() - t),
  };
}

async function measureSize(
  namespaces: number,
  perNamespace: number,
  edges: number,
) {
  const mesh = syntheticMesh(namespaces, perNamespace, edges);
  const clusterName = (id: string) => id;
  const inputOf = (traffic: TrafficSnapshot, graphType: MeshGraphType) =>
    ({
      graphType,
      windowSeconds: 300,
      time: new Date(),
      traffic,
      workloads: mesh.workloads,
      services: [],
      serviceEntries: [],
      istioObjects: [],
      owners: new Map(),
      clusterName,
      health: DEFAULT_HEALTH_RULES,
      errors: [],
    } satisfies GraphInput);
  // The samples as objects (what the model kept before 8880258), then as it keeps them.
  const asObjects = heapMb();
  let objects: TrafficSnapshot | undefined = syntheticSnapshot(mesh);
  const objectsMB = round(heapMb() - asObjects);
  objects = undefined;
  void objects;
  const start = heapMb();
  let snapshot: TrafficSnapshot | undefined = packedSnapshot(
    syntheticSnapshot(mesh),
  );
  const samples = snapshot.requests.length + snapshot.latency.length;
  const withSnapshot = heapMb();
  let health: ReturnType<typeof objectHealth> | undefined = objectHealth(
    snapshot,
    clusterName,
    DEFAULT_HEALTH_RULES,
  );
  const withHealth = heapMb();
  const cacheEntry = await cacheEntryCost(snapshot);
  const baseMB: Record<string, number> = {};
  const baseBuildMs: Record<string, number> = {};
  for (const graphType of GRAPH_TYPES) {
    const before = heapMb();
    const t = now();
    let base: unknown = buildMeshGraphBase(inputOf(snapshot, graphType));
    baseBuildMs[graphType] = Math.round(now() - t);
    baseMB[graphType] = round(heapMb() - before);
    base = undefined;
    void base;
  }
  // An entity's 2-hop graph, as the service answers it: the base kept per snapshot, then the walk.
  const bases = new MeshGraphBases();
  const random = prng(7);
  const requests = Number(process.env.BENCH_MEMORY_REQUESTS ?? 300);
  const focusMs: number[] = [];
  let nodesInAnswer = 0;
  const input = { ...inputOf(snapshot, 'workload'), objectHealth: health };
  const base = await bases.get(input, 'workload');
  for (let i = 0; i < requests; i++) {
    const w = mesh.workloads[Math.floor(random() * mesh.workloads.length)];
    const t = now();
    const graph = focusedGraph(base, {
      ...input,
      focus: {
        workloads: new Set([`${w.cluster}/${w.namespace}/${w.name}`]),
        hops: 2,
      },
    });
    focusMs.push(now() - t);
    nodesInAnswer += graph.nodes.length;
  }
  // The whole mesh's graph from that base, as the overview and the mesh graph page share it per
  // snapshot and caller view (../src/service/perSnapshot MAX_KEPT_ANSWERS), and its JSON.
  const beforeWhole = heapMb();
  let whole: ReturnType<typeof wholeGraph> | undefined = wholeGraph(
    base,
    input,
  );
  const wholeGraphMB = round(heapMb() - beforeWhole);
  const wholeGraphJsonMB = round(JSON.stringify(whole).length / 1024 / 1024);
  whole = undefined;
  void whole;
  // Every graph type of every canonical window requested once: what the service then keeps.
  const windows = WINDOWS.map(() => packedSnapshot(syntheticSnapshot(mesh)));
  const beforeAll = heapMb();
  for (const traffic of windows)
    for (const graphType of GRAPH_TYPES)
      await bases.get(inputOf(traffic, graphType), graphType);
  const keptMB = round(heapMb() - beforeAll);
  windows.length = 0;
  snapshot = undefined;
  health = undefined;
  void [snapshot, health];
  return {
    workloads: mesh.workloads.length,
    edges: mesh.edges,
    samples,
    snapshotMB: round(withSnapshot - start),
    snapshotAsObjectsMB: objectsMB,
    objectHealthMB: round(withHealth - withSnapshot),
    cacheEntry,
    baseMB,
    baseBuildMs,
    allWindowsAndTypesKeptMB: keptMB,
    wholeGraphMB,
    wholeGraphJsonMB,
    entityGraph2HopMs: {
      median: round(percentile(focusMs, 0.5)),
      p95: round(percentile(focusMs, 0.95)),
    },
    meanNodesInAnswer: Math.round(nodesInAnswer / requests),
  };
}

if (!global.gc) throw new Error('run with node --expose-gc');
void measureBySize(
  process.env.BENCH_MEMORY_SIZES ?? '100x10x5000,500x10x25000',
  'memoryBySize',
  measureSize,
);
