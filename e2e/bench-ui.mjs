// @ts-check
/*
 * UI benchmark (`npm run bench:ui`): how long the Mesh tab takes to lay out and paint a 500-node
 * traffic graph in headless Chromium, in the production build of the demo app.
 *
 * The app is real; only the graph route's answer is replaced (in the browser) by a synthetic
 * 500-node, 950-edge graph, opened with `?all=1` so that the node cap does not stop at the focus
 * prompt. Per run, measured in the page:
 *   - layout: the app's `mesh-graph-layout` performance measure (request to the layout worker →
 *     positions back on the main thread; the worker is started while the graph is fetched);
 *   - paint: from the positions' arrival to the second animation frame after every node and edge
 *     of the first view is in the DOM (React commit, edge routing). A graph this big renders only
 *     what is in the viewport (MeshGraph's VIRTUALIZE_MIN_NODES); the counts are printed;
 *   - longest main-thread task while the layout ran: shows whether it stayed off the render path;
 *   - longest main-thread task while the first view was painted (React Flow's own renders).
 * Figures go to stdout and to test-results/bench/ui.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable, CHROMIUM_PATH } from './lib/browser.mjs';
import { ROOT } from './lib/demoApp.mjs';
import { openSession } from './lib/session.mjs';

const NODES = 500;
const LAYERS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ARTIFACTS = join(ROOT, 'test-results/bench');
const log = (/** @type {string} */ message) =>
  console.log(`[bench:ui] ${message}`);

/**
 * A layered service graph (callers left, callees right): `LAYERS` layers of equal size, every
 * node calling two nodes of the next layer, chosen by a fixed formula so that runs are identical.
 */
function syntheticGraph() {
  const perLayer = NODES / LAYERS;
  const statuses = ['healthy', 'healthy', 'healthy', 'degraded', 'failure'];
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    id: `wl:bench:ns${i % 7}:service-${i}`,
    type: 'workload',
    cluster: 'bench',
    namespace: `ns${i % 7}`,
    name: `service-${i}`,
    app: `service-${i}`,
    entityRef: i % 3 === 0 ? `component:default/service-${i}` : undefined,
    owner: i % 3 === 0 ? `group:default/team-${i % 5}` : undefined,
    health: { status: statuses[i % statuses.length], reasons: [] },
    isFocus: i === Math.floor(NODES / 2),
    rpsIn: 1 + (i % 13),
    rpsOut: 1 + (i % 11),
  }));
  const edges = [];
  for (let i = 0; i < NODES - perLayer; i++) {
    const nextLayer = (Math.floor(i / perLayer) + 1) * perLayer;
    for (const offset of [i % perLayer, (i * 7 + 3) % perLayer]) {
      const target = nextLayer + offset;
      edges.push({
        id: `${nodes[i].id}->${nodes[target].id}:http`,
        source: nodes[i].id,
        target: nodes[target].id,
        protocol: 'http',
        rps: 1 + (i % 17),
        errorRate: (i % 9) / 100,
        mtls: i % 4 === 0 ? 0.5 : 1,
        latency: { p50: 5, p95: 20 + (i % 50), p99: 80 },
      });
    }
  }
  return {
    graphType: 'workload',
    windowSeconds: 600,
    timestamp: new Date().toISOString(),
    nodes,
    edges: [...new Map(edges.map(e => [e.id, e])).values()],
    errors: [],
    mapping: {
      entityRef: 'component:default/productpage',
      labelSelector: 'app=productpage',
      workloads: [],
      errors: [],
    },
  };
}

/** Runs in the page: waits for the 500-node layout and the frame that shows the whole graph. */
function measureInPage(
  /** @type {{ nodes: number, edges: number }} */ expected,
) {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  return (async () => {
    /** @type {any} */
    let layout;
    while (!layout) {
      layout = performance
        .getEntriesByName('mesh-graph-layout')
        .find(e => /** @type {any} */ (e).detail?.nodes === expected.nodes);
      if (!layout) await frame();
    }
    const layoutEnd = layout.startTime + layout.duration;
    // Painted: every element React Flow renders for the first view is in the DOM — all of them
    // below the app's virtualization threshold, those in the viewport above it (MeshGraph's
    // VIRTUALIZE_MIN_NODES) — i.e. the node and edge counts are non-zero and have not changed
    // over two frames after the last step of the mount; then two more frames so that the
    // browser has painted them.
    const counts = () =>
      [
        document.querySelectorAll('.react-flow__node').length,
        document.querySelectorAll('.react-flow__edge').length,
      ].join('/');
    let previous = '';
    let sameFrames = 0;
    while (sameFrames < 2) {
      await frame();
      const now = counts();
      // A big graph is handed to React Flow in steps (useProgressiveMount): painted once the
      // canvas says the last step is in.
      const drawn =
        !now.startsWith('0/') &&
        !now.endsWith('/0') &&
        document.querySelector('[data-mesh-graph-drawn="true"]') !== null;
      sameFrames = drawn && now === previous ? sameFrames + 1 : 0;
      previous = now;
    }
    await frame();
    await frame();
    const painted = performance.now();
    const [renderedNodes, renderedEdges] = counts().split('/').map(Number);
    const longTasks = /** @type {any} */ (window).__meshBenchLongTasks ?? [];
    const duringLayout = longTasks.filter(
      (/** @type {any} */ t) =>
        t.start < layoutEnd && t.start + t.duration > layout.startTime,
    );
    // React Flow draws the first view in synchronous renders (its store updates): reported
    // apart, as they are the page's own work on the positions, not the layout's.
    const duringPaint = longTasks.filter(
      (/** @type {any} */ t) =>
        t.start < painted && t.start + t.duration > layoutEnd,
    );
    return {
      renderedNodes,
      renderedEdges,
      layoutMs: layout.duration,
      inWorker: Boolean(layout.detail?.inWorker),
      paintMs: painted - layoutEnd,
      totalMs: painted - layout.startTime,
      // Where the long tasks fall, relative to the start of the layout (for profiling).
      longTasksDuringLayout: duringLayout.map((/** @type {any} */ t) => ({
        startMs: Math.round(t.start - layout.startTime),
        durationMs: Math.round(t.duration),
      })),
      layoutStartSinceNavigationMs: Math.round(layout.startTime),
      longestTaskDuringLayoutMs: Math.max(
        0,
        ...duringLayout.map((/** @type {any} */ t) => t.duration),
      ),
      longestTaskDuringPaintMs: Math.max(
        0,
        ...duringPaint.map((/** @type {any} */ t) => t.duration),
      ),
    };
  })();
}

const median = (/** @type {number[]} */ values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  if (!chromiumAvailable())
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const { baseUrl, browser, page, close } = await openSession({
    port: Number(process.env.BENCH_PORT ?? 7018),
    artifacts: ARTIFACTS,
    log,
  });
  try {
    const graph = syntheticGraph();
    await page.route('**/api/mesh/entities/by-name/*/*/*/graph*', route =>
      route.fulfill({ json: graph }),
    );
    await page.addInitScript(() => {
      /** @type {any} */ (window).__meshBenchLongTasks = [];
      new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
          /** @type {any} */ (window).__meshBenchLongTasks.push({
            start: entry.startTime,
            duration: entry.duration,
          });
        }
      }).observe({ type: 'longtask', buffered: true });
    });

    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      // A full page load per run: the worker starts cold in the first run only if it is the first
      // graph of the page, as for a user opening the tab.
      await page.goto(
        `${baseUrl}/catalog/default/component/productpage/mesh?all=1&refresh=off`,
      );
      const figures = await page.evaluate(measureInPage, {
        nodes: graph.nodes.length,
        edges: graph.edges.length,
      });
      runs.push(figures);
      log(
        `run ${run}: layout ${figures.layoutMs.toFixed(0)} ms (${
          figures.inWorker ? 'web worker' : 'main thread'
        }), ` +
          `paint ${figures.paintMs.toFixed(0)} ms (${
            figures.renderedNodes
          } nodes, ${
            figures.renderedEdges
          } edges in view), total ${figures.totalMs.toFixed(0)} ms, ` +
          `longest main-thread task during layout ${figures.longestTaskDuringLayoutMs.toFixed(
            0,
          )} ms, during paint ${figures.longestTaskDuringPaintMs.toFixed(
            0,
          )} ms`,
      );
    }
    await page.screenshot({ path: join(ARTIFACTS, 'graph-500-nodes.png') });

    const summary = {
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      runs: runs.length,
      medianLayoutMs: Math.round(median(runs.map(r => r.layoutMs))),
      medianPaintMs: Math.round(median(runs.map(r => r.paintMs))),
      medianTotalMs: Math.round(median(runs.map(r => r.totalMs))),
      maxLongestTaskDuringLayoutMs: Math.round(
        Math.max(...runs.map(r => r.longestTaskDuringLayoutMs)),
      ),
      maxLongestTaskDuringPaintMs: Math.round(
        Math.max(...runs.map(r => r.longestTaskDuringPaintMs)),
      ),
      layoutInWorker: runs.every(r => r.inWorker),
      loadAverage: loadavg(),
      chromium: browser.version(),
      perRun: runs,
    };
    writeFileSync(
      join(ARTIFACTS, 'ui.json'),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    console.log(
      `\n${summary.nodes} nodes, ${summary.edges} edges, median of ${summary.runs} runs (Chromium ${summary.chromium}):\n` +
        `  layout  ${summary.medianLayoutMs} ms  (${
          summary.layoutInWorker ? 'in a web worker' : 'on the main thread'
        })\n` +
        `  paint   ${summary.medianPaintMs} ms\n` +
        `  total   ${summary.medianTotalMs} ms\n` +
        `  longest main-thread task while laying out: ${summary.maxLongestTaskDuringLayoutMs} ms\n` +
        `  longest main-thread task while painting the first view: ${summary.maxLongestTaskDuringPaintMs} ms\n` +
        `  load average when done: ${loadavg()
          .map(l => l.toFixed(2))
          .join(', ')} (${cpus().length} cores; figures scale with it)\n`,
    );
  } finally {
    await close();
  }
}

await main();
