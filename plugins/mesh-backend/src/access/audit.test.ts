/*
 * Every /api/mesh route records one auditor event per request — on success, on bad input, on a
 * denied permission and for an entity the caller may not read — and no event carries the names the
 * caller may not see. Test doubles: Backstage's auditor mock and __testUtils__/policyBackend.
 */
import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createRouter, RouterOptions } from '../router';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import {
  asUser,
  refOf,
  startPolicyBackend,
} from '../__testUtils__/policyBackend';

const USER = 'user:default/outsider';
const events: Array<{
  eventId: string;
  outcome: 'success' | 'fail';
  meta: unknown;
  severityLevel?: string;
}> = [];
const auditor = mockServices.auditor.mock({
  createEvent: async (options: {
    eventId: string;
    meta?: unknown;
    severityLevel?: string;
  }) => ({
    success: async (o?: { meta?: unknown }) =>
      void events.push({
        eventId: options.eventId,
        outcome: 'success',
        meta: [options.meta, o?.meta],
        severityLevel: options.severityLevel,
      }),
    fail: async (o: { error: Error }) =>
      void events.push({
        eventId: options.eventId,
        outcome: 'fail',
        meta: [options.meta, o.error.message],
        severityLevel: options.severityLevel,
      }),
  }),
});

const entity = (name: string, route: string, kind = 'component') =>
  `/api/mesh/entities/by-name/${kind}/default/${name}/${route}`;
// Every route of the router with the event it records (the openapi document lists the same routes).
const ROUTES: Array<[string, string]> = [
  ['entity-graph-read', entity('reviews', 'graph')],
  ['entity-health-read', entity('reviews', 'health')],
  [
    'entity-series-read',
    entity('reviews', 'series?node=wl:demo:bookinfo:reviews-v1'),
  ],
  ['team-mesh-read', entity('bookinfo-team', 'team', 'group')],
  ['mesh-overview-read', '/api/mesh/overview'],
  ['mesh-insights-read', '/api/mesh/insights'],
  ['mesh-config-read', '/api/mesh/config'],
  ['entity-workloads-read', entity('reviews', 'workloads')],
  ['entity-traces-read', entity('reviews', 'traces')],
  ['entity-trace-read', entity('reviews', 'traces/0123456789abcdef')],
  ['entity-dependencies-read', entity('reviews', 'dependencies')],
  ['entity-security-read', entity('reviews', 'security')],
  ['entity-posture-read', entity('reviews', 'posture')],
  ['catalog-posture-read', '/api/mesh/posture'],
  ['catalog-dependencies-read', '/api/mesh/dependencies'],
  ['entity-config-read', entity('reviews', 'config')],
];

describe('auditing', () => {
  it('covers every route of the router', async () => {
    const router = await createRouter({} as RouterOptions);
    const paths: string[] = router.stack
      .filter((layer: any) => layer.route)
      .map((layer: any) => `/api/mesh${layer.route.path}`);
    const matching = (url: string) =>
      paths.filter(p =>
        new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '[^/]+')}$`).test(
          url.split('?')[0],
        ),
      );
    expect(ROUTES.map(([, url]) => matching(url))).toEqual(
      ROUTES.map(() => [expect.any(String)]),
    );
    expect(new Set(ROUTES.flatMap(([, url]) => matching(url))).size).toBe(
      paths.length,
    );
  });

  it("says in the graph's event how much was withheld from the caller", async () => {
    const server = await startPolicyBackend({
      entities: demoCatalogEntities(),
      rules: {
        readable: (_user, e) => refOf(e) !== 'component:default/ratings',
      },
      auditor,
    });
    events.length = 0;
    expect(
      (
        await request(server)
          .get(ROUTES[0][1])
          .set('Authorization', asUser(USER))
      ).status,
    ).toBe(200);
    // ratings' workload and the ratings Service (the injected fault answers before any workload).
    expect(events).toEqual([
      {
        eventId: 'entity-graph-read',
        outcome: 'success',
        meta: [
          expect.anything(),
          expect.objectContaining({ restrictedNodes: 2 }),
        ],
        severityLevel: 'low',
      },
    ]);
  });

  it.each(ROUTES)(
    'records %s for success, bad input, denial and hidden entities',
    async (eventId, url) => {
      const server = await startPolicyBackend({
        entities: demoCatalogEntities(),
        rules: {
          readable: (_user, e) => refOf(e) !== 'component:default/ratings',
          meshAllowed: (_user, _permission, ref) =>
            ref !== 'component:default/details',
        },
        auditor,
      });
      events.length = 0;
      const get = (u: string) =>
        request(server).get(u).set('Authorization', asUser(USER));
      const ok = await get(url);
      const bad = await get(
        `${url}${url.includes('?') ? '&' : '?'}unexpected=1`,
      );
      expect([ok.status, bad.status]).toEqual([
        ok.status === 404 ? 404 : 200,
        400,
      ]);
      // Entity routes also for an entity whose mesh data is denied and one the caller may not read.
      const others = url.includes('/reviews/')
        ? ['/details/', '/ratings/'].map(name => url.replace('/reviews/', name))
        : [];
      const statuses: number[] = [];
      for (const other of others) statuses.push((await get(other)).status);
      expect(statuses).toEqual(others.length ? [403, 404] : []);
      const expected = [
        ok.status < 400 ? 'success' : 'fail',
        'fail',
        ...others.map(() => 'fail'),
      ];
      expect(events.map(e => `${e.eventId}:${e.outcome}`)).toEqual(
        expected.map(outcome => `${eventId}:${outcome}`),
      );
      expect(JSON.stringify(events)).not.toMatch(/ratings-v1/);
      // Failures (bad input, denied, hidden) are visible at the default log level (`medium` is
      // logged at info), and so is every read of many entities at once.
      const many = !url.includes('/component/');
      expect(events.map(e => e.severityLevel)).toEqual(
        expected.map(outcome =>
          outcome === 'fail' || many ? 'medium' : 'low',
        ),
      );
    },
  );
});
