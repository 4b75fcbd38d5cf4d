// @ts-check
/*
 * Readability of the traffic graph (issue 14), measured from element boxes in Chromium at the
 * default fit: no edge label overlaps another label or a node, every label's text is fully
 * visible, and no node name is cut. Views: productpage in every graph type and label mode,
 * Sock Shop front-end, Online Boutique frontend and checkoutservice at 2 hops, and the /mesh
 * graph in each grouping. Each view is saved as a screenshot.
 */
import { measureGraph } from './lib/graphGeometry.mjs';
import { expect } from './lib/expect.mjs';
import { withFullHeightViewport } from './lib/fullHeight.mjs';

const GRAPH_TYPES = ['workload', 'app', 'versionedApp', 'service'];
const LABEL_MODES = ['rps', 'errorRate', 'p95', 'mtls'];

/**
 * Opens `path`, waits for the laid-out graph, and returns its geometry.
 * @param {import('./checks.mjs').CheckContext} ctx
 * @param {string} path
 * @param {string} shot
 */
async function graphAt({ page, baseUrl, screenshot }, path, shot) {
  await page.goto(`${baseUrl}${path}`, {
    waitUntil: 'domcontentloaded',
    timeout: 120_000,
  });
  const canvas = page.locator('.react-flow').first();
  await canvas.waitFor({ timeout: 120_000 });
  await page.locator('.react-flow__node-meshNode').first().waitFor();
  // Sections that are still loading above the graph would move it after it is measured.
  await page
    .locator('[role="progressbar"]')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  // Let React Flow measure the nodes and the viewport settle on its fit.
  await page.waitForTimeout(600);
  // The window as tall as the page, so that every part of a tall canvas can be hit-tested.
  return withFullHeightViewport(page, async () => {
    await page.waitForTimeout(300);
    const geometry = await page.evaluate(measureGraph);
    await screenshot(shot);
    return geometry;
  });
}

/** @param {import('./lib/graphGeometry.mjs').GraphGeometry} geometry */
function expectReadable(geometry, /** @type {string} */ view) {
  const problems = {
    view,
    labelOverlaps: geometry.labelOverlaps,
    labelNodeOverlaps: geometry.labelNodeOverlaps,
    hiddenLabels: geometry.hiddenLabels,
    truncatedNodes: geometry.truncatedNodes,
  };
  expect({ view, labels: geometry.labels > 0 }).toEqual({
    view,
    labels: true,
  });
  expect(problems).toEqual({
    view,
    labelOverlaps: [],
    labelNodeOverlaps: [],
    hiddenLabels: [],
    truncatedNodes: [],
  });
}

/** @type {import('./checks.mjs').Check[]} */
export const graphChecks = [
  {
    name: 'productpage graph: no label overlaps in any graph type and label mode',
    async run(ctx) {
      for (const graphType of GRAPH_TYPES) {
        for (const labels of LABEL_MODES) {
          const view = `productpage ${graphType} ${labels}`;
          const geometry = await graphAt(
            ctx,
            `/catalog/default/component/productpage/mesh?graphType=${graphType}&labels=${labels}&refresh=off`,
            `graph-productpage-${graphType}-${labels}`,
          );
          console.log(
            `[e2e]   ${view}: ${geometry.nodes} nodes, ${
              geometry.labels
            } labels, zoom ${geometry.zoom.toFixed(2)}`,
          );
          expectReadable(geometry, view);
        }
      }
    },
  },
  ...[
    ['front-end', 'Sock Shop front-end'],
    ['frontend', 'Online Boutique frontend'],
    ['checkoutservice', 'Online Boutique checkoutservice'],
  ].map(([name, title]) => ({
    name: `${title} graph at 2 hops: no label overlaps`,
    async run(/** @type {import('./checks.mjs').CheckContext} */ ctx) {
      const geometry = await graphAt(
        ctx,
        `/catalog/default/component/${name}/mesh?hops=2&refresh=off`,
        `graph-${name}`,
      );
      console.log(
        `[e2e]   ${name}: ${geometry.nodes} nodes, ${
          geometry.labels
        } labels, zoom ${geometry.zoom.toFixed(2)}`,
      );
      expectReadable(geometry, name);
    },
  })),
  {
    name: '/mesh graph: no label overlaps in each grouping',
    async run(ctx) {
      for (const grouping of ['system', 'owner', 'none']) {
        const geometry = await graphAt(
          ctx,
          `/mesh?groupBy=${grouping}&refresh=off`,
          `graph-mesh-${grouping}`,
        );
        console.log(
          `[e2e]   /mesh ${grouping}: ${geometry.nodes} nodes, ${
            geometry.labels
          } labels, zoom ${geometry.zoom.toFixed(2)}`,
        );
        expectReadable(geometry, `/mesh by ${grouping}`);
      }
    },
  },
];
