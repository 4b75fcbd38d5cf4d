// @ts-check
/*
 * What the adopter app must show in Chromium: with a snapshot cluster and a real Prometheus
 * configured, the Mesh tab's traffic graph, a graph above the layout worker threshold laid out,
 * and the /mesh page, its backend running with the README's sizing settings; with nothing
 * configured, setup guidance and no demo data anywhere.
 */
import { readFileSync } from 'node:fs';
import { expect } from '../lib/expect.mjs';

/** The layout worker starts from this many nodes (plugins/mesh/src/lib/layoutRunner.ts). */
const WORKER_LAYOUT_MIN_NODES = 60;
/** Workload names only the demo topology has: none may appear when nothing is configured. */
const DEMO_WORKLOADS = ['productpage-v1', 'reviews-v2', 'details-v1'];
const GUIDANCE = 'The mesh plugin has no cluster configured yet';

/**
 * @typedef {{ page: import('playwright-core').Page, baseUrl: string, token: string,
 *   fleetSize: number, screenshot: (name: string) => Promise<void>, backendPid?: number,
 *   deployment?: { env: Record<string, string>, nodeFlags: string[] } }} AdopterContext
 * @typedef {{ name: string, run: (ctx: AdopterContext) => Promise<void> }} AdopterCheck
 */

const graphNode = (
  /** @type {import('playwright-core').Page} */ page,
  /** @type {string} */ name,
) => page.getByRole('group', { name: new RegExp(`^${name} \\(`) });

/** The layouts the page measured (plugins/mesh/src/hooks/useFlowLayout.ts). */
const layouts = (/** @type {import('playwright-core').Page} */ page) =>
  page.evaluate(() =>
    performance
      .getEntriesByName('mesh-graph-layout')
      .map(entry => /** @type {PerformanceMeasure} */ (entry).detail),
  );

const meshApi = async (
  /** @type {string} */ baseUrl,
  /** @type {string} */ token,
  /** @type {string} */ path,
) => {
  const response = await fetch(`${baseUrl}/api/mesh${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
};

/** @type {AdopterCheck[]} */
export const configuredChecks = [
  {
    name: "the backend runs with the README's sizing settings (jemalloc preloaded, V8 heap growth)",
    async run({ backendPid, deployment }) {
      if (!backendPid || !deployment)
        throw new Error('the backend was not started with the sizing snippet');
      const preload = deployment.env.LD_PRELOAD;
      // What the process runs with, as Linux reports it: its command line and mapped libraries.
      const cmdline = readFileSync(`/proc/${backendPid}/cmdline`, 'utf8');
      const maps = readFileSync(`/proc/${backendPid}/maps`, 'utf8');
      const args = cmdline.split('\0');
      const missing = deployment.nodeFlags.filter(flag => !args.includes(flag));
      if (missing.length > 0)
        throw new Error(
          `node runs without ${missing.join(' ')}: ${args.join(' ')}`,
        );
      if (!maps.includes(preload))
        throw new Error(
          `${preload} is not mapped into the backend: install Debian's libjemalloc2 as the README's RUN line does`,
        );
    },
  },
  {
    name: "an annotated entity's Mesh tab shows its traffic graph (snapshot cluster + Prometheus)",
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/catalog/default/component/productpage/mesh`);
      await expect(
        page.getByRole('application', { name: 'Traffic graph of productpage' }),
      ).toBeVisible();
      for (const name of [
        'productpage-v1',
        'details-v1',
        'reviews-v1',
        'reviews-v2',
        'reviews-v3',
      ])
        await expect(graphNode(page, name)).toBeVisible();
      // Traffic from Prometheus: the entity's edges table lists rates.
      await expect(
        page.getByRole('row', { name: /productpage-v1.*reviews-v/ }).first(),
      ).toBeVisible();
      await screenshot('productpage-graph');
    },
  },
  {
    name: 'a graph above the layout worker threshold is laid out (fleet-hub)',
    async run({ page, baseUrl, fleetSize, screenshot }) {
      await page.goto(`${baseUrl}/catalog/default/component/fleet-hub/mesh`);
      await expect(
        page.getByRole('application', { name: 'Traffic graph of fleet-hub' }),
      ).toBeVisible();
      await expect(graphNode(page, 'fleet-hub-v1')).toBeVisible();
      await expect(
        graphNode(page, `fleet-svc-${fleetSize - 1}-v1`),
      ).toBeVisible();
      const nodes = page.getByRole('group', { name: /^fleet-svc-\d+-v1 \(/ });
      expect(await nodes.count()).toBe(fleetSize);
      // Laid out: the nodes sit at distinct positions, not stacked at the origin.
      const positions = new Set(
        await nodes.evaluateAll(elements =>
          elements.map(e => {
            const box = e.getBoundingClientRect();
            return `${Math.round(box.x)},${Math.round(box.y)}`;
          }),
        ),
      );
      expect(positions.size).toBe(fleetSize);
      const measured = await layouts(page);
      const big = measured.filter(m => m.nodes >= WORKER_LAYOUT_MIN_NODES);
      expect(big.length).toBeGreaterThan(0);
      // The published build's worker ran it (the main-thread fallback would say inWorker: false).
      expect(big.map(m => m.inWorker)).toEqual(big.map(() => true));
      await screenshot('fleet-hub-graph');
    },
  },
  {
    name: 'the /mesh page loads from the sidebar with the mesh-wide graph',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/catalog`);
      await page.getByRole('link', { name: 'Service mesh' }).click();
      await page.waitForURL(/\/mesh$/);
      await expect(
        page.getByRole('application', { name: 'Mesh-wide traffic graph' }),
      ).toBeVisible();
      await expect(
        page
          .getByRole('table')
          .first()
          .getByRole('link', { name: 'fleet-hub' }),
      ).toBeVisible();
      await screenshot('mesh-page');
    },
  },
];

/** @type {AdopterCheck[]} */
export const unconfiguredChecks = [
  {
    name: 'with no cluster configured the API answers NOT_CONFIGURED and no demo data',
    async run({ baseUrl, token }) {
      for (const path of [
        '/entities/by-name/component/default/productpage/graph',
        '/overview',
      ]) {
        const { status, body } = await meshApi(baseUrl, token, path);
        expect(status).toBe(200);
        expect(
          body.errors.some(
            (/** @type {any} */ e) => e.errorType === 'NOT_CONFIGURED',
          ),
        ).toBe(true);
        const text = JSON.stringify(body);
        expect(DEMO_WORKLOADS.filter(name => text.includes(name))).toEqual([]);
      }
    },
  },
  {
    name: 'with no cluster configured the Mesh tab and /mesh show setup guidance, no demo data',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/catalog/default/component/productpage/mesh`);
      await expect(page.getByText(GUIDANCE)).toBeVisible();
      await expect(
        page.getByRole('link', { name: /Read the setup guide/ }),
      ).toBeVisible();
      const href = await page
        .getByRole('link', { name: /Read the setup guide/ })
        .getAttribute('href');
      expect(href?.endsWith('plugins/mesh-backend#configuration')).toBe(true);
      expect(await page.getByRole('application').count()).toBe(0);
      await screenshot('productpage-not-configured');
      await page.goto(`${baseUrl}/mesh`);
      await expect(page.getByText(GUIDANCE)).toBeVisible();
      const text = await page.locator('body').innerText();
      expect(DEMO_WORKLOADS.filter(name => text.includes(name))).toEqual([]);
      await screenshot('mesh-page-not-configured');
    },
  },
];
