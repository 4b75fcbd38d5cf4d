/*
 * A System's or Group's views read the catalog and ask for decisions about the target's members
 * and the answer's neighbours only (issue 15), not about every mapped entity of the catalog, with
 * the rules of issue 13 kept: a workload claimed by an entity the caller may not read stays hidden
 * whatever readable member also claims it, and a failing catalog read withholds everything.
 * Test doubles: __testUtils__/policyBackend (permission-aware catalog and permission service over
 * real HTTP), which reports every catalog call, the rows it returned and every decision asked.
 */
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { asUser, startPolicyBackend } from '../__testUtils__/policyBackend';

const OUTSIDER = 'user:default/outsider';
const FAILING = 'user:default/unlucky';
const RATINGS = 'component:default/ratings';
const SYSTEM = '/api/mesh/entities/by-name/system/default/bookinfo';
const GROUP = '/api/mesh/entities/by-name/group/default/bookinfo-team';
/** Mapped Components of other Systems and teams: what a request must not read. */
const FILLER = 1000;

const component = (
  name: string,
  annotations: Record<string, string>,
  spec: Record<string, string>,
) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  } as Entity);

// A readable member claiming ratings' workload: it cannot un-hide it.
const sneaky = component(
  'sneaky-ratings',
  {
    'backstage.io/kubernetes-label-selector': 'app=ratings',
    'backstage.io/kubernetes-namespace': 'bookinfo',
  },
  { owner: 'group:default/bookinfo-team', system: 'bookinfo' },
);
const filler = Array.from({ length: FILLER }, (_, i) =>
  component(
    `filler-${i}`,
    { 'backstage.io/kubernetes-id': `filler-${i}` },
    { owner: `group:default/team-${i % 50}`, system: `system-${i % 100}` },
  ),
);
const entities = [...demoCatalogEntities(), sneaky, ...filler];

interface Read {
  method: string;
  filter?: unknown;
  rows: number;
}
let reads: Array<Read & { user?: string }> = [];
let decisions: Array<{ count: number; user?: string }> = [];
let server: Awaited<ReturnType<typeof startPolicyBackend>>;
beforeAll(async () => {
  server = await startPolicyBackend({
    entities,
    rules: {
      readable: (user, e) =>
        user !== OUTSIDER ||
        `${e.kind}:default/${e.metadata.name}`.toLowerCase() !== RATINGS,
    },
    userCatalogFails: (method, user) =>
      user === FAILING && method === 'getEntitiesByRefs',
    onCatalogCall: (method, args, user) =>
      reads.push({
        method,
        filter: (args[0] as { filter?: unknown } | undefined)?.filter,
        rows: 0,
        user,
      }),
    onCatalogRows: (method, rows, user) => {
      const call = reads.find(
        r => r.method === method && r.user === user && r.rows === 0,
      );
      if (call) call.rows = rows;
    },
    onAuthorize: (user, asked) => decisions.push({ count: asked.length, user }),
  });
});
const get = (user: string, url: string) =>
  request(server).get(url).set('Authorization', asUser(user));

/** What one request cost as the caller (the plugin's own cached read is not counted). */
async function costOf(user: string, url: string) {
  await get(user, url);
  reads = [];
  decisions = [];
  const res = await get(user, url);
  const asCaller = reads.filter(r => r.user === user);
  return {
    res,
    methods: asCaller.map(r => r.method).sort(),
    filters: asCaller.flatMap(r => (r.filter ? [r.filter] : [])),
    rows: asCaller.reduce((n, r) => n + r.rows, 0),
    decisions: decisions
      .filter(d => d.user === user)
      .reduce((n, d) => n + d.count, 0),
  };
}

describe('a System or Group view reads what its answer holds', () => {
  it.each(
    ['graph?hops=1', 'health', 'workloads', 'config'].flatMap(route => [
      ['System', route, SYSTEM, []],
      ['Group', route, GROUP, [{ kind: 'Group' }]],
    ]),
  )(
    'a %s %s reads its members and the answer’s workloads’ claimants only, as the caller',
    async (_kind, route, url, filters) => {
      const cost = await costOf(OUTSIDER, `${url}/${route}`);
      expect(cost.res.status).toBe(200);
      // The target, its members, the answer's claimants (a read the caller cache may join with
      // the members'); a Group also reads its tree. Never a catalog-wide read of Components.
      expect([...new Set(cost.methods)]).toEqual([
        ...(filters.length ? ['getEntities'] : []),
        'getEntitiesByRefs',
        'getEntityByRef',
      ]);
      expect(cost.filters).toEqual(filters);
      const groups = entities.filter(e => e.kind === 'Group').length;
      // bookinfo has 5 Components and a few neighbours; the catalog has FILLER more.
      expect(cost.rows).toBeLessThan(20 + (filters.length ? groups : 0));
      expect(cost.decisions).toBeLessThan(20);
      expect(cost.decisions).toBeGreaterThan(0);
    },
  );

  it.each([
    ['System', SYSTEM],
    ['Group', GROUP],
  ])(
    'keeps the workload of a member the caller may not read out of workloads and config, whatever readable member claims it (%s)',
    async (_kind, url) => {
      for (const route of ['workloads', 'config']) {
        const res = await get(OUTSIDER, `${url}/${route}`);
        expect([route, res.status]).toEqual([route, 200]);
        expect(JSON.stringify(res.body)).not.toMatch(/ratings-v1|"ratings"/);
        const open = await get('user:default/insider', `${url}/${route}`);
        expect(JSON.stringify(open.body)).toMatch(/ratings-v1|"ratings"/);
      }
    },
  );

  it.each([
    ['System', SYSTEM],
    ['Group', GROUP],
  ])(
    'keeps a member the caller may not read hidden, whatever readable member claims its workload (%s)',
    async (_kind, url) => {
      const res = await get(OUTSIDER, `${url}/graph?hops=1`);
      expect(res.status).toBe(200);
      const members = res.body.mapping.members.map(
        (m: { entityRef: string }) => m.entityRef,
      );
      expect(members).toContain('component:default/sneaky-ratings');
      expect(members).not.toContain(RATINGS);
      expect(JSON.stringify(res.body)).not.toMatch(/ratings-v1/);
      expect(
        res.body.nodes.filter((n: { restricted?: boolean }) => n.restricted)
          .length,
      ).toBeGreaterThan(0);
      // A caller who may read everything sees it named.
      const open = await get('user:default/insider', `${url}/graph?hops=1`);
      expect(JSON.stringify(open.body)).toMatch(/ratings-v1/);
    },
  );

  it.each([
    ['System', SYSTEM, []],
    ['Group', GROUP, [{ kind: 'Group' }]],
  ])(
    '%s traces ask about what the traces name only, and keep a hidden member’s service unnamed',
    async (_kind, url, filters) => {
      const cost = await costOf(OUTSIDER, `${url}/traces?limit=50`);
      expect(cost.res.status).toBe(200);
      expect(cost.res.body.traces.length).toBeGreaterThan(0);
      expect(cost.filters).toEqual(filters);
      expect(cost.methods).toContain('getEntitiesByRefs');
      const groups = entities.filter(e => e.kind === 'Group').length;
      expect(cost.rows).toBeLessThan(20 + (filters.length ? groups : 0));
      expect(cost.decisions).toBeLessThan(20);
      expect(JSON.stringify(cost.res.body)).not.toMatch(
        /ratings-v1|ratings\.bookinfo/,
      );
      const open = await get('user:default/insider', `${url}/traces?limit=50`);
      expect(JSON.stringify(open.body)).toMatch(/ratings\.bookinfo/);
    },
  );

  it.each([
    ['System', SYSTEM],
    ['Group', GROUP],
  ])(
    'withholds everything, saying why, when the caller’s catalog read fails (%s)',
    async (_kind, url) => {
      for (const route of [
        'graph',
        'health',
        'workloads',
        'config',
        'traces',
      ]) {
        const res = await get(FAILING, `${url}/${route}`);
        expect([route, res.status]).toEqual([route, 503]);
        expect(res.body.error.message).toMatch(
          /Cannot tell which Components of .* you may see/,
        );
        expect(JSON.stringify(res.body)).not.toMatch(/-v1|productpage/);
      }
    },
  );
});
