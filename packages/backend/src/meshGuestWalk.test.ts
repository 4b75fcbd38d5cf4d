/*
 * Issue 13's acceptance, as the demo's guest against the real catalog and permission backends:
 * walks every mesh route for every Component, System and Group the guest can list, plus the
 * catalog-wide ones. `paymentservice` (catalog-hidden) appears in no response; `loadgenerator`
 * (mesh data owners-only) appears in none either — its own routes answer 403, and rolled-up
 * views count it as a withheld member. The series of every node and edge of every graph the
 * guest gets answers 200, restricted ones 403.
 */
import {
  DemoServer,
  getAs,
  GUEST,
  startDemoPolicyBackend,
} from './__testUtils__/demoPolicyBackend';

const FORBIDDEN_NAMES = /loadgenerator|paymentservice/i;
const GRAPH_TYPES = ['workload', 'app', 'versionedApp', 'service'];
const ROUTES: Record<string, string[]> = {
  component: [
    'health',
    'workloads',
    'config',
    'security',
    'posture',
    'traces?limit=3',
    'dependencies',
  ],
  // Systems are answered by the server as the union of their members (issue 13).
  system: [
    'health',
    'workloads',
    'config',
    'security',
    'posture',
    'traces?limit=3',
    'dependencies',
  ],
  group: ['team', 'posture', 'dependencies'],
};

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoPolicyBackend();
}, 90_000);

/** Runs `jobs` a few at a time (the backend shares 2 cores with the test runner). */
async function pool<T>(jobs: Array<() => Promise<T>>, size = 6): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

it('shows the guest nothing of loadgenerator or paymentservice, and charts every node and edge it shows', async () => {
  const get = (url: string) => getAs(server, GUEST, url);
  const listed = await get(
    '/api/catalog/entities?filter=kind=component&filter=kind=system&filter=kind=group&fields=kind,metadata.name',
  );
  const entities: Array<{ kind: string; name: string }> = listed.body.map(
    (e: { kind: string; metadata: { name: string } }) => ({
      kind: e.kind.toLowerCase(),
      name: e.metadata.name,
    }),
  );
  expect(entities.map(e => e.name)).not.toContain('paymentservice');
  expect(entities.map(e => e.name)).toContain('loadgenerator');

  const base = (kind: string, name: string) =>
    `/api/mesh/entities/by-name/${kind}/default/${name}`;
  const urls: string[] = [
    '/api/mesh/overview',
    '/api/mesh/posture',
    '/api/mesh/dependencies',
    '/api/mesh/config',
    '/api/mesh/insights',
  ];
  const graphs: Array<{ entity: string; graphType: string; url: string }> = [];
  for (const { kind, name } of entities) {
    for (const route of ROUTES[kind] ?? [])
      urls.push(`${base(kind, name)}/${route}`);
    if (kind === 'component' || kind === 'system')
      for (const graphType of GRAPH_TYPES)
        graphs.push({
          entity: base(kind, name),
          graphType,
          url: `${base(kind, name)}/graph?hops=3&graphType=${graphType}`,
        });
  }
  const problems: string[] = [];
  const check = (url: string, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    const ownDenied =
      url.includes('/component/default/loadgenerator/') && status === 403;
    if (ownDenied) return;
    if (status !== 200 && !(status === 404 && /has no mesh data/.test(text)))
      problems.push(`${url} → ${status} ${text.slice(0, 200)}`);
    if (FORBIDDEN_NAMES.test(text))
      problems.push(`${url} names ${text.match(FORBIDDEN_NAMES)![0]}`);
  };
  const pages = await pool(
    [...urls, ...graphs.map(g => g.url)].map(url => async () => {
      const res = await get(url);
      check(url, res.status, res.body);
      return { url, res };
    }),
  );
  const withheld = pages.filter(p => p.res.body?.withheldMembers >= 1);
  // loadgenerator is a member of the overview, catalog posture, its System's and Group's views.
  expect(withheld.map(p => p.url)).toEqual(
    expect.arrayContaining([
      '/api/mesh/overview',
      '/api/mesh/posture',
      `${base('system', 'online-boutique')}/posture`,
      `${base('group', 'boutique-team')}/team`,
    ]),
  );

  // Every node and edge of every graph the guest got: 200, restricted ones 403. Each distinct id is
  // charted once, through the first entity and graph type that showed it (the route checks that
  // it is part of that entity's graph), which keeps the walk to a few hundred requests.
  const series: Array<{ url: string; restricted: boolean }> = [];
  const seen = new Set<string>();
  for (const g of graphs) {
    const page = pages.find(p => p.url === g.url)!;
    if (page.res.status !== 200) continue;
    const q = (key: string, id: string) =>
      `${g.entity}/series?graphType=${g.graphType}&${key}=${encodeURIComponent(
        id,
      )}`;
    for (const n of page.res.body.nodes)
      if (!seen.has(n.id) && seen.add(n.id))
        series.push({ url: q('node', n.id), restricted: !!n.restricted });
    for (const e of page.res.body.edges)
      if (!seen.has(e.id) && seen.add(e.id))
        series.push({
          url: q('edge', e.id),
          restricted: /restricted:/.test(e.id),
        });
  }
  const charted = await pool(
    series.map(s => async () => {
      const res = await get(s.url);
      const expected = s.restricted ? 403 : 200;
      if (res.status !== expected)
        problems.push(
          `${s.url} → ${res.status} (expected ${expected}) ${JSON.stringify(
            res.body,
          ).slice(0, 200)}`,
        );
      else if (
        res.status === 200 &&
        FORBIDDEN_NAMES.test(JSON.stringify(res.body))
      )
        problems.push(`${s.url} names a forbidden entity`);
      return res.status;
    }),
  );
  expect(problems).toEqual([]);
  // The walk is not empty: many charts, some of them of restricted nodes.
  expect(charted.filter(s => s === 200).length).toBeGreaterThan(50);
  expect(charted.filter(s => s === 403).length).toBeGreaterThan(0);
}, 900_000);
