/*
 * Mesh-wide computations run a slice at a time give the event loop back between slices and
 * answer exactly what they answer at once. The traffic is the demo mesh's, repeated over many
 * namespaces so that it spans many slices.
 */
import { MeshNode } from '@mesh-portal/plugin-mesh-common';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { DemoTelemetrySource } from '../sources/demo/DemoTelemetrySource';
import { samplesOf } from '../sources/sampleList';
import { emptySnapshot, TrafficSnapshot } from '../sources/types';
import { snapshotSamples } from '../__testUtils__/snapshotSamples';
import {
  DEFAULT_HEALTH_RULES,
  objectHealth,
  objectHealthOf,
} from '../health/objectHealth';
import {
  buildMeshGraphBase,
  meshGraphBaseOf,
  wholeGraph,
  wholeGraphOf,
} from './meshGraphBase';
import { VIEW_STEPS } from './buildGraph';
import { collapseGraph, collapseGraphOf } from './rollup/collapseGraph';
import {
  BACKGROUND_SHARE,
  finish,
  finishInSlices,
  inBackground,
  ITEMS_PER_YIELD,
  SlicedWork,
} from './slicedWork';

async function largeInput() {
  const EPOCH = 1_700_000_000;
  const mesh = new DemoMesh({ epochSeconds: EPOCH });
  const { value } = await new DemoTelemetrySource(mesh).getTraffic({
    windowSeconds: 600,
    time: new Date((EPOCH + 5 * 3600) * 1000),
  });
  const copies = 40;
  const renamed = (samples: TrafficSnapshot['requests'], copy: number) =>
    samplesOf(samples).map(s => ({
      ...s,
      labels: Object.fromEntries(
        Object.entries(s.labels).map(([k, v]) => [
          k,
          k.endsWith('_namespace') ? `${v}-${copy}` : v,
        ]),
      ),
    }));
  const traffic = snapshotSamples(emptySnapshot());
  for (let copy = 0; copy < copies; copy++)
    for (const key of Object.keys(traffic) as Array<keyof TrafficSnapshot>)
      traffic[key].push(...renamed(value[key], copy));
  const workloads = Array.from({ length: copies }, (_, copy) =>
    mesh.workloads.map(w => ({ ...w, namespace: `${w.namespace}-${copy}` })),
  ).flat();
  return { traffic, workloads };
}

/** Maps as entry arrays, in their order (jest compares large Maps slowly, and ignoring order). */
const plain = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v instanceof Map ? [...v] : v instanceof Set ? [...v] : v,
  );

/** Counts the turns of the event loop (one tick per check phase) until stopped. */
function turnCounter() {
  const counter = { turns: 0, counting: true };
  const tick = () => {
    if (!counter.counting) return;
    counter.turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return counter;
}

/** Runs `run` while counting how often the event loop got a turn. */
async function turnsDuring<T>(run: () => Promise<T>) {
  const counter = turnCounter();
  const result = await run();
  counter.counting = false;
  return { result, turns: counter.turns };
}

describe('sliced work', () => {
  it('gives the event loop back and answers as the computation at once does', async () => {
    const { traffic, workloads } = await largeInput();
    expect(traffic.requests.length).toBeGreaterThan(4 * ITEMS_PER_YIELD);
    const clusterName = (id: string) => id;

    const health = await turnsDuring(() =>
      finishInSlices(
        objectHealthOf(traffic, clusterName, DEFAULT_HEALTH_RULES),
        0,
      ),
    );
    expect(health.turns).toBeGreaterThan(4);
    const atOnce = objectHealth(traffic, clusterName, DEFAULT_HEALTH_RULES);
    expect(plain(health.result)).toEqual(plain(atOnce));

    const input = {
      graphType: 'workload' as const,
      traffic,
      workloads,
      services: [],
      clusterName,
    };
    const base = await turnsDuring(() =>
      finishInSlices(meshGraphBaseOf(input), 0),
    );
    expect(base.turns).toBeGreaterThan(4);
    expect(plain(base.result)).toEqual(plain(buildMeshGraphBase(input)));
    expect(base.result.map.edges.size).toBeGreaterThan(100);
  });

  it('makes the whole mesh into the wire graph and collapses it with yields between edges', async () => {
    const { traffic, workloads } = await largeInput();
    const input = {
      graphType: 'workload' as const,
      traffic,
      workloads,
      services: [],
      clusterName: (id: string) => id,
      owners: new Map(),
      windowSeconds: 600,
      time: new Date(0),
      errors: [],
    };
    const base = buildMeshGraphBase(input);
    // Yields counted by running the work by hand: the view steps yield once each after them,
    // addHealth also between edges and nodes, and the rest is the wire graph's (nodes, then
    // edges) or the collapse's.
    const run = <T>(work: SlicedWork<T>) => {
      for (let yields = 0; ; yields++) {
        const step = work.next();
        if (step.done) return { yields, value: step.value };
      }
    };
    const whole = run(wholeGraphOf(base, input));
    const edges = whole.value.edges.length;
    const nodes = whole.value.nodes.length;
    expect(edges).toBeGreaterThan(4 * ITEMS_PER_YIELD);
    const viewSteps = VIEW_STEPS.length;
    expect(whole.yields).toBeGreaterThanOrEqual(
      viewSteps +
        Math.floor((edges + nodes) / ITEMS_PER_YIELD) +
        Math.floor((nodes + 2 * edges) / ITEMS_PER_YIELD) -
        2,
    );
    expect(whole.value).toEqual(wholeGraph(base, input));

    const byNamespace = (node: MeshNode) => ({
      ...node,
      id: `ns:${node.namespace}`,
      name: node.namespace,
    });
    const collapsed = run(collapseGraphOf(whole.value, byNamespace));
    expect(collapsed.yields).toBeGreaterThan(edges / ITEMS_PER_YIELD - 1);
    expect(collapsed.value).toEqual(collapseGraph(whole.value, byNamespace));
    expect(collapsed.value.edges.length).toBeGreaterThan(10);
  });

  it('runs one slice per turn of the event loop, whichever work it belongs to', async () => {
    const counter = turnCounter();
    const turnsOfSlices: Array<Array<number>> = [[], []];
    function* work(which: number) {
      for (let i = 0; i < 20; i++) {
        turnsOfSlices[which].push(counter.turns);
        yield;
      }
      return which;
    }
    // A slice of 0 ms: every yield gives the turn back.
    expect(
      await Promise.all([
        finishInSlices(work(0), 0),
        finishInSlices(work(1), 0),
      ]),
    ).toEqual([0, 1]);
    counter.counting = false;
    const [first, second] = turnsOfSlices.map(turns => new Set(turns));
    // Each work had a turn of its own for every slice, and never shared one with the other.
    expect(first.size).toBe(20);
    expect(second.size).toBe(20);
    expect([...first].filter(t => second.has(t))).toEqual([]);
  });

  it('paces background work: after each slice it leaves the event loop free for longer than the slice ran', async () => {
    /** Slices of ~2 ms of busy work each; when each started and ended. */
    const slices: Array<{ start: number; end: number }> = [];
    function* busy() {
      for (let i = 0; i < 10; i++) {
        const start = performance.now();
        while (performance.now() - start < 2);
        slices.push({ start, end: performance.now() });
        yield;
      }
    }
    const freeAfterSlices = () =>
      slices
        .slice(1)
        .map(
          (slice, i) =>
            (slice.start - slices[i].end) / (slices[i].end - slices[i].start),
        );

    // Started after an await inside inBackground: still background work.
    await inBackground(async () => {
      await new Promise(r => setImmediate(r));
      await finishInSlices(busy(), 1);
    });
    const paced = freeAfterSlices();
    expect(paced).toHaveLength(9);
    const least = (1 - BACKGROUND_SHARE) / BACKGROUND_SHARE;
    for (const ratio of paced)
      expect(ratio).toBeGreaterThanOrEqual(least * 0.9);

    // Outside it, the next slice comes at the next turn of the loop.
    slices.length = 0;
    const started = performance.now();
    await finishInSlices(busy(), 1);
    const wall = performance.now() - started;
    const ran = slices.reduce((sum, s) => sum + s.end - s.start, 0);
    expect(wall).toBeLessThan(ran * (1 + least));
  });

  it('runs to the end at once without giving the loop back', async () => {
    function* counting() {
      let n = 0;
      for (let i = 0; i < 3; i++) {
        n += i;
        yield;
      }
      return n;
    }
    const { result, turns } = await turnsDuring(async () => finish(counting()));
    expect(result).toBe(3);
    expect(turns).toBe(0);
  });
});
