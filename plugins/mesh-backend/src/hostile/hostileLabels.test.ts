/*
 * Catalog annotations and cluster labels are input too. A catalog entity and pods whose labels,
 * names and annotations carry `"}`, `|~`, `\` and `or` go through every route; the Kubernetes API,
 * Prometheus and tracing doubles (see ./meshEnvironment) record what they are asked, and no
 * request to them may carry a hostile value or have a changed shape.
 */
import request from 'supertest';
import { MeshEntityGraphResponse } from '@mesh-portal/plugin-mesh-common';
import {
  component,
  deployment,
  MeshEnvironment,
  promqlOf,
  shopEntities,
  shopObjects,
  startMeshEnvironment,
  TracingType,
  webToApi,
} from './__testUtils__/meshEnvironment';
import {
  K8S_NAME,
  literals,
  skeleton,
  TRAFFIC_SHAPES,
} from './__testUtils__/queryShapes';

const EVIL = 'x"} or vector(1) or up{a=~".*|~\\';
const EVIL_NAME = 'bad"}|~\\ or x';
// Fragments that must not reach any data source outside a properly escaped literal.
const FRAGMENTS = ['"}', '|~', '\\', 'vector(1)', ' or up', 'x" ||', 'notin'];

const entities = [
  ...shopEntities(),
  component('evil-labels', {
    'backstage.io/kubernetes-label-selector': 'tier=hostile',
    'backstage.io/kubernetes-namespace': 'shop',
  }),
  component('evil-name', {
    'backstage.io/kubernetes-label-selector': 'tier=hostile2',
  }),
  component('evil-annotations', {
    'backstage.io/kubernetes-label-selector': `app=${EVIL}, tier notin (|~\\)`,
    'backstage.io/kubernetes-namespace': 'shop"} or 1',
    'backstage.io/kubernetes-cluster': 'east"}|~',
    'mesh.backstage.io/tracing-service': 'x" || true, a\\"b } | select(.x)',
  }),
  component('evil-id', { 'backstage.io/kubernetes-id': EVIL }),
];
const clusterObjects = shopObjects([
  {
    ...deployment('evil', { app: EVIL, tier: 'hostile' }),
    metadata: {
      name: 'evil',
      labels: { app: EVIL },
      annotations: { note: EVIL },
    },
  },
  deployment(EVIL_NAME, { tier: 'hostile2' }),
]);
const ROUTES = [
  'graph?hops=3',
  'health',
  'security',
  'dependencies',
  'traces',
  'traces/0123456789abcdef0123456789abcdef',
  'workloads',
  'config',
  'posture',
];

const envs: MeshEnvironment[] = [];
afterAll(() => Promise.all(envs.map(e => e.close())));

async function exercise(tracing: TracingType) {
  const env = await startMeshEnvironment({
    tracing,
    entities,
    clusterObjects,
    prometheusSeries: [webToApi(), webToApi(EVIL), webToApi(EVIL_NAME)],
  });
  envs.push(env);
  const responses: Array<request.Response & { url: string }> = [];
  for (const name of entities.map(e => e.metadata.name)) {
    for (const route of ROUTES) {
      const url = `/api/mesh/entities/by-name/component/default/${name}/${route}`;
      responses.push(
        Object.assign(await request(env.server).get(url), { url }),
      );
    }
  }
  // Chart every node and edge of web's graph, the hostile ones included.
  const graph: MeshEntityGraphResponse = (
    await request(env.server).get(
      '/api/mesh/entities/by-name/component/default/web/graph',
    )
  ).body;
  const charts: request.Response[] = [];
  for (const q of [
    ...graph.nodes.map(n => `node=${encodeURIComponent(n.id)}`),
    ...graph.edges.map(e => `edge=${encodeURIComponent(e.id)}`),
  ]) {
    charts.push(
      await request(env.server).get(
        `/api/mesh/entities/by-name/component/default/web/series?${q}`,
      ),
    );
  }
  return { env, responses, graph, charts };
}

describe.each(['tempo', 'jaeger', 'zipkin'] as TracingType[])(
  'hostile catalog and cluster values, tracing through %s',
  tracing => {
    let run: Awaited<ReturnType<typeof exercise>>;
    beforeAll(async () => {
      run = await exercise(tracing);
    }, 120_000);

    it('never fails with a 5xx, and the hostile workloads are data in the graph', () => {
      expect(
        [...run.responses, ...run.charts]
          .filter(r => r.status >= 500)
          .map(r => r.body),
      ).toEqual([]);
      expect(run.graph.nodes.map(n => n.name)).toEqual(
        expect.arrayContaining(['web', 'api', EVIL, EVIL_NAME]),
      );
    });

    it('refuses to chart hostile nodes (400) and charts the others', () => {
      const byStatus = (s: number) =>
        run.charts.filter(r => r.status === s).length;
      expect(byStatus(400)).toBeGreaterThanOrEqual(4); // two hostile nodes and two edges into them
      expect(byStatus(200)).toBeGreaterThanOrEqual(3); // web, api, web → api
      for (const r of run.charts.filter(c => c.status === 400))
        expect(r.body.error.message).toMatch(/^Invalid (node|edge) id/);
    });

    it('sends Prometheus only queries of known shapes whose values are all Kubernetes names', () => {
      const queries = promqlOf(run.env.prometheus);
      expect(queries.length).toBeGreaterThan(0);
      for (const q of queries) {
        for (const f of ['vector(1)', ' or up', 'x" ||'])
          expect(skeleton(q)).not.toContain(f);
        for (const value of literals(q))
          expect(value === '' || K8S_NAME.test(value)).toBe(true);
      }
      expect(
        queries.filter(q => TRAFFIC_SHAPES.has(skeleton(q))).length,
      ).toBeGreaterThan(0);
    });

    it(`sends ${tracing} only valid service names, and says why hostile ones were not looked up`, () => {
      const urls = run.env.tracing.requests.map(r =>
        decodeURIComponent(r.url ?? ''),
      );
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls)
        for (const f of FRAGMENTS) expect(url).not.toContain(f);
      const traces = run.responses.find(r =>
        r.url.endsWith('/evil-labels/traces'),
      )!;
      expect(traces.body.errors).toContainEqual(
        expect.objectContaining({
          message: expect.stringMatching(/not a valid tracing service name/),
        }),
      );
      const overridden = run.responses.find(r =>
        r.url.endsWith('/evil-annotations/traces'),
      )!;
      expect(overridden.status).toBe(200);
      expect(overridden.body.serviceNames).toEqual([]);
    });

    it('asks the Kubernetes API nothing that carries a hostile value', () => {
      expect(run.env.kube.requests.length).toBeGreaterThan(0);
      for (const line of run.env.kube.requests.map(decodeURIComponent))
        for (const f of FRAGMENTS) expect(line).not.toContain(f);
    });
  },
);
