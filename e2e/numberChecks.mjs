// @ts-check
/*
 * Issue 14, "one number everywhere": the same entity and window read the same in every view, the
 * side panel charts exactly the selected element, and the states users meet instead of raw errors.
 * Statuses are read from what the page shows (words next to status dots, nodes' accessible names).
 */
import { expect } from './lib/expect.mjs';

const WINDOW = '10m';
const LABELS = ['Healthy', 'Degraded', 'Failure', 'Not ready', 'No data'];

/** The first health word in a text (rows and cards show exactly one status). */
function statusIn(/** @type {string} */ text) {
  const found = LABELS.map(label => [label, text.indexOf(label)])
    .filter(([, at]) => Number(at) >= 0)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return found.length ? String(found[0][0]) : undefined;
}

const escape = (/** @type {string} */ s) =>
  s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Status of each entity row of the table on the page (entity link → status word). */
async function tableStatuses(
  /** @type {import('playwright-core').Page} */ page,
  /** @type {string[]} */ names,
) {
  const table = page.getByRole('table').first();
  await table.getByRole('row').nth(1).waitFor();
  /** @type {Record<string, string | undefined>} */
  const statuses = {};
  for (const name of names) {
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name, exact: true }) })
      .first();
    if ((await row.count()) === 0) continue;
    statuses[name] = statusIn(await row.innerText());
  }
  return statuses;
}

/** @type {import('./checks.mjs').Check[]} */
export const numberChecks = [
  {
    name: 'one health per Component: Health tab = /mesh table = /mesh graph node = team table',
    async run({ page, baseUrl, components, readableByGuest, screenshot }) {
      const mapped = components.filter(c => c.mapped);
      const names = await readableByGuest(mapped.map(c => c.name));
      await page.goto(`${baseUrl}/mesh?window=${WINDOW}`);
      const overviewRows = await tableStatuses(page, names);
      /** @type {Record<string, string | undefined>} */
      const overviewNodes = {};
      for (const name of names) {
        const node = page.getByRole('group', {
          name: new RegExp(`^${escape(name)} \\(entity, `),
        });
        if ((await node.count()) === 0) continue;
        const label = (await node.first().getAttribute('aria-label')) ?? '';
        const status = /, ([a-z-]+)\)$/.exec(label)?.[1] ?? '';
        overviewNodes[name] = LABELS.find(l =>
          l.toLowerCase().startsWith(status.replace('-', ' ').slice(0, 6)),
        );
      }
      expect(Object.keys(overviewNodes).length).toBeGreaterThan(5);
      /** @type {Record<string, string | undefined>} */
      const teamRows = {};
      for (const owner of new Set(
        mapped.filter(c => names.includes(c.name)).map(c => c.owner),
      )) {
        await page.goto(
          `${baseUrl}/catalog/default/group/${owner}/mesh?window=${WINDOW}`,
        );
        Object.assign(
          teamRows,
          await tableStatuses(
            page,
            mapped.filter(c => c.owner === owner).map(c => c.name),
          ),
        );
      }
      const mismatches = [];
      let compared = 0;
      for (const name of names) {
        await page.goto(
          `${baseUrl}/catalog/default/component/${name}/mesh?view=health&window=${WINDOW}`,
        );
        const card = page
          .locator('article, .MuiCard-root')
          .filter({ hasText: /^Health of / })
          .first();
        const denied = page.getByRole('status', { name: 'Access denied' });
        await Promise.race([
          card.waitFor({ timeout: 30_000 }),
          denied.waitFor({ timeout: 30_000 }),
        ]);
        if (await denied.isVisible()) continue; // the demo policy withholds its mesh data
        await expect(card).toContainText('Health of');
        const tab = statusIn(await card.innerText());
        if (name === 'ratings') await screenshot('health-tab-ratings');
        compared++;
        for (const [view, status] of Object.entries({
          '/mesh table': overviewRows[name],
          '/mesh graph node': overviewNodes[name],
          'team table': teamRows[name],
        })) {
          if (status !== undefined && status !== tab)
            mismatches.push(`${name}: Health tab ${tab}, ${view} ${status}`);
        }
      }
      expect(compared).toBeGreaterThan(10);
      expect(mismatches).toEqual([]);
    },
  },
  {
    name: 'edge reviews-v2 → ratings: the panel charts exactly the edge (rate within 5%)',
    async run({ page, baseUrl, screenshot }) {
      const edge =
        'wl:demo:bookinfo:reviews-v2->svc:demo:bookinfo:ratings:http';
      // The panel asks for the series once the graph is drawn: both may take a while on CI.
      const answer = (/** @type {RegExp} */ url) => {
        const waiting = page.waitForResponse(r => url.test(r.url()), {
          timeout: 90_000,
        });
        waiting.catch(() => undefined); // awaited below; never an unhandled rejection
        return waiting;
      };
      const graphAnswer = answer(
        /\/by-name\/component\/default\/ratings\/graph/i,
      );
      const seriesAnswer = answer(
        /\/by-name\/component\/default\/ratings\/series/i,
      );
      await page.goto(
        `${baseUrl}/catalog/default/component/ratings/mesh?window=${WINDOW}&selected=${encodeURIComponent(
          `edge:${edge}`,
        )}`,
      );
      const graph = await (await graphAnswer).json();
      const series = await (await seriesAnswer).json();
      const onGraph = graph.edges.find(
        (/** @type {{ id: string }} */ e) => e.id === edge,
      );
      expect(onGraph.rps).toBeGreaterThan(0);
      const mean =
        series.rps.reduce(
          (/** @type {number} */ a, /** @type {number} */ b) => a + b,
          0,
        ) / series.rps.length;
      expect(Math.abs(mean - onGraph.rps)).toBeLessThan(0.05 * onGraph.rps);
      const panel = page.getByRole('complementary', {
        name: 'Selection details',
      });
      await expect(panel.getByLabel('What the charts count')).toContainText(
        'reached no workload',
      );
      await screenshot('edge-reviews-v2-ratings-panel');
    },
  },
  {
    name: 'designed states: access denied, restricted node, unknown client, TCP-only node',
    async run({ page, baseUrl, screenshot }) {
      // loadgenerator's mesh data is for its owners only (the demo policy).
      await page.goto(
        `${baseUrl}/catalog/default/component/loadgenerator/mesh`,
      );
      await expect(
        page.getByRole('status', { name: 'Access denied' }),
      ).toContainText('Owned by');
      await screenshot('loadgenerator-mesh-access-denied');
      await page.goto(`${baseUrl}/catalog/default/component/loadgenerator`);
      await expect(
        page.getByRole('status', { name: 'Access denied' }).first(),
      ).toBeVisible();
      await screenshot('loadgenerator-overview-access-denied');

      // checkoutservice calls paymentservice, which the guest may not read.
      const graphAnswer = page.waitForResponse(
        r => /checkoutservice\/graph/i.test(r.url()),
        { timeout: 90_000 },
      );
      await page.goto(
        `${baseUrl}/catalog/default/component/checkoutservice/mesh?window=${WINDOW}`,
      );
      const graph = await (await graphAnswer).json();
      const restricted = graph.nodes.find(
        (/** @type {{ restricted?: boolean }} */ n) => n.restricted,
      );
      await page.goto(
        `${baseUrl}/catalog/default/component/checkoutservice/mesh?window=${WINDOW}&selected=${encodeURIComponent(
          `node:${restricted.id}`,
        )}`,
      );
      const panel = page.getByRole('complementary', {
        name: 'Selection details',
      });
      await expect(panel).toContainText('Owned by a team you cannot view');
      expect(await panel.getByText(/403|Forbidden/).count()).toBe(0);
      await screenshot('restricted-node-panel');

      // The out-of-mesh load generator reaches frontend as a caller without identity.
      await page.goto(
        `${baseUrl}/catalog/default/component/frontend/mesh?window=${WINDOW}&selected=${encodeURIComponent(
          'node:unknown:unknown',
        )}`,
      );
      await expect(panel).toContainText('No mesh identity');
      expect(await panel.getByText(/400|Bad Request/).count()).toBe(0);
      await screenshot('unknown-client-panel');

      // Sock Shop is ambient without waypoints: TCP only, charted in bytes each way.
      await page.goto(
        `${baseUrl}/catalog/default/component/carts/mesh?window=${WINDOW}&selected=${encodeURIComponent(
          'node:wl:demo:sock-shop:carts',
        )}`,
      );
      const bytes = panel.getByRole('figure', { name: 'TCP bytes per second' });
      await expect(bytes).toBeVisible();
      const line = bytes.locator('.recharts-line-curve').first();
      await expect(line).toBeAttached();
      expect(
        ((await line.getAttribute('d')) ?? '').split('L').length,
      ).toBeGreaterThan(10);
      expect(
        await panel
          .getByRole('figure', { name: 'Requests per second' })
          .count(),
      ).toBe(0);
      await screenshot('tcp-node-panel');
    },
  },
  {
    name: 'Security view: a PERMISSIVE workload reads Permissive beside its inbound mTLS share',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(
        `${baseUrl}/catalog/default/component/frontend/mesh?view=security&window=${WINDOW}`,
      );
      const row = page
        .getByRole('row')
        .filter({ hasText: 'PERMISSIVE' })
        .filter({ hasText: 'frontend' })
        .first();
      await expect(row).toContainText('Permissive');
      expect(await row.getByText('mTLS enforced').count()).toBe(0);
      await screenshot('security-frontend-permissive');
    },
  },
  {
    name: 'the mesh health card is the first card of the entity Overview',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/catalog/default/component/ratings`);
      const health = page.getByText('Mesh health', { exact: true });
      await expect(health).toBeVisible();
      const top = (await health.boundingBox())?.y ?? Infinity;
      expect(top).toBeLessThan(600);
      await screenshot('overview-health-card-top');
    },
  },
];
