/*
 * The access model through the running router (real HTTP) over the demo mesh, with two users:
 * `insider` reads the whole catalog; `outsider` may not read `ratings` (catalog policy) and may not
 * read the mesh data of `details` (mesh.entity.read). Test doubles: see __testUtils__/policyBackend.
 */
import {
  MeshEntityGraphResponse,
  MeshEntityTraceResponse,
  MeshEntityTracesResponse,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { openApiErrors } from '../__testUtils__/openapi';
import {
  asUser,
  refOf,
  startPolicyBackend,
} from '../__testUtils__/policyBackend';
import { entityUrl } from '../__testUtils__/testBackend';

const INSIDER = 'user:default/insider';
const OUTSIDER = 'user:default/outsider';
// What the outsider must never see of ratings: its workload, its Service, its tracing service name.
const HIDDEN = /ratings-v1|svc:demo:bookinfo:ratings|ratings\.bookinfo/;

let serviceCatalogDown = false;
const rules = {
  readable: (user: string, e: Parameters<typeof refOf>[0]) =>
    user !== OUTSIDER || refOf(e) !== 'component:default/ratings',
  meshAllowed: (user: string, _permission: string, entityRef?: string) =>
    user !== OUTSIDER || entityRef !== 'component:default/details',
};
const start = () =>
  startPolicyBackend({
    entities: demoCatalogEntities(),
    rules,
    serviceCatalogFails: () => serviceCatalogDown,
  });
afterEach(() => {
  serviceCatalogDown = false;
});

const ENTITY_ROUTES = [
  'graph',
  'health',
  'series?node=wl:demo:bookinfo:ratings-v1',
  'workloads',
  'config',
  'traces',
  'traces/0123456789abcdef',
  'security',
  'posture',
  'dependencies',
];
const get = (
  server: Awaited<ReturnType<typeof start>>,
  user: string,
  url: string,
) => request(server).get(url).set('Authorization', asUser(user));
const rpsInto = (g: MeshEntityGraphResponse, ids: (n: MeshNode) => boolean) => {
  const targets = new Set(g.nodes.filter(ids).map(n => n.id));
  return g.edges
    .filter(e => targets.has(e.target))
    .reduce((a, e) => a + e.rps, 0);
};

describe('access control', () => {
  it.each(ENTITY_ROUTES)(
    'answers 404 on %s for an entity the caller may not read, as for one that does not exist',
    async route => {
      const server = await start();
      const hidden = await get(server, OUTSIDER, entityUrl('ratings', route));
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'Entity component:default/ratings not found',
      );
      expect(
        (await get(server, INSIDER, entityUrl('ratings', route))).body.error
          ?.message,
      ).not.toBe('Entity component:default/ratings not found');
    },
  );

  it.each(ENTITY_ROUTES)(
    'answers 403 on %s when mesh.entity.read is denied for the entity',
    async route => {
      const server = await start();
      const denied = await get(server, OUTSIDER, entityUrl('details', route));
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'Not allowed to read mesh data of component:default/details',
      });
    },
  );

  it("withholds the names of a neighbour the caller may not read, keeping its traffic and the caller's own nodes", async () => {
    const server = await start();
    const url = entityUrl('productpage', 'graph', '?hops=3');
    const [inside, outside] = (
      await Promise.all([get(server, INSIDER, url), get(server, OUTSIDER, url)])
    ).map(r => r.body as MeshEntityGraphResponse);
    expect(inside.nodes.map(n => n.name)).toContain('ratings-v1');
    expect(JSON.stringify(outside)).not.toMatch(HIDDEN);
    const restricted = outside.nodes.filter(n => n.restricted);
    // ratings-v1 (workload) and the ratings Service (the injected fault answers before any workload
    // does); and details-v1, whose entity the outsider can read but not its mesh data (issue 13).
    expect(restricted).toHaveLength(3);
    expect(JSON.stringify(outside)).not.toMatch(/details-v1/);
    for (const node of restricted) {
      expect(node.id).toMatch(/^restricted:[0-9a-f]{20}$/);
      expect(node).toMatchObject({
        name: 'restricted',
        namespace: '',
        cluster: 'demo',
        health: { reasons: [] },
      });
      expect(Object.keys(node).sort()).toEqual(
        expect.arrayContaining([
          'cluster',
          'health',
          'id',
          'name',
          'namespace',
          'restricted',
          'type',
        ]),
      );
      for (const key of [
        'app',
        'version',
        'workload',
        'service',
        'entityRef',
        'owner',
        'system',
      ])
        expect(node).not.toHaveProperty(key);
    }
    // The traffic into ratings and details is the same, anonymised (two reads a moment apart: within 5 %).
    const hiddenFromOutsider = (n: MeshNode) =>
      n.name === 'ratings-v1' ||
      n.name === 'details-v1' ||
      n.id === 'svc:demo:bookinfo:ratings';
    const intoRatings = rpsInto(inside, hiddenFromOutsider);
    expect(intoRatings).toBeGreaterThan(1);
    expect(rpsInto(outside, n => !!n.restricted) / intoRatings).toBeCloseTo(
      1,
      1,
    );
    // Everything else keeps its names and links; unowned workloads (the ingress gateway) too.
    expect(outside.nodes.find(n => n.name === 'reviews-v2')).toMatchObject({
      entityRef: 'component:default/reviews',
    });
    expect(
      outside.nodes
        .filter(n => !n.restricted)
        .map(n => n.id)
        .sort(),
    ).toEqual(
      inside.nodes
        .filter(n => !hiddenFromOutsider(n))
        .map(n => n.id)
        .sort(),
    );
    expect(openApiErrors('EntityGraph', outside)).toEqual([]);
    // Ids are stable between requests, so the UI keeps its layout.
    const again: MeshEntityGraphResponse = (await get(server, OUTSIDER, url))
      .body;
    expect(
      again.nodes
        .filter(n => n.restricted)
        .map(n => n.id)
        .sort(),
    ).toEqual(restricted.map(n => n.id).sort());
  });

  it('withholds them from every other view of a neighbour, and refuses to chart them', async () => {
    const server = await start();
    const views = [
      'health',
      'security',
      'dependencies',
      'series?edge=wl:demo:bookinfo:reviews-v2-%3Ewl:demo:bookinfo:ratings-v1:http',
    ];
    const bodies: unknown[] = [];
    for (const view of views.slice(0, 3)) {
      const res = await get(server, OUTSIDER, entityUrl('reviews', view));
      expect(res.status).toBe(200);
      bodies.push(res.body);
    }
    for (const url of [
      '/api/mesh/entities/by-name/group/default/bookinfo-team/team',
      '/api/mesh/overview',
      '/api/mesh/posture',
      '/api/mesh/dependencies',
    ]) {
      const res = await get(server, OUTSIDER, url);
      expect(res.status).toBe(200);
      bodies.push(res.body);
    }
    for (const text of bodies.map(b => JSON.stringify(b)))
      expect(text).not.toMatch(HIDDEN);
    // The real id of a hidden node is not part of the caller's graph; an opaque id is not charted.
    const byRealId = await get(
      server,
      OUTSIDER,
      entityUrl('reviews', views[3]),
    );
    expect(byRealId.status).toBe(404);
    const graph: MeshEntityGraphResponse = (
      await get(server, OUTSIDER, entityUrl('reviews', 'graph'))
    ).body;
    const opaque = graph.nodes.find(n => n.restricted)!.id;
    const byOpaqueId = await get(
      server,
      OUTSIDER,
      entityUrl('reviews', `series?node=${opaque}`),
    );
    expect(byOpaqueId.status).toBe(403);
    expect(byOpaqueId.body.error.message).toMatch(
      /Restricted nodes belong to an entity you may not read/,
    );
    expect(
      (await get(server, INSIDER, entityUrl('reviews', views[3]))).status,
    ).toBe(200);
  });

  it('withholds the spans and service names of hidden workloads from traces', async () => {
    const server = await start();
    const list = async (user: string) =>
      (await get(server, user, entityUrl('reviews', 'traces?limit=50')))
        .body as MeshEntityTracesResponse;
    const [inside, outside] = await Promise.all([
      list(INSIDER),
      list(OUTSIDER),
    ]);
    const throughRatings = inside.traces.find(t =>
      t.services.includes('ratings.bookinfo'),
    )!;
    expect(throughRatings).toBeDefined();
    expect(JSON.stringify(outside)).not.toMatch(HIDDEN);
    expect(
      outside.traces.find(t => t.traceId === throughRatings.traceId)!.services,
    ).toContain('restricted');

    const detail = async (user: string) =>
      (
        await get(
          server,
          user,
          entityUrl('reviews', `traces/${throughRatings.traceId}`),
        )
      ).body as MeshEntityTraceResponse;
    const [full, redacted] = await Promise.all([
      detail(INSIDER),
      detail(OUTSIDER),
    ]);
    expect(JSON.stringify(redacted)).not.toMatch(HIDDEN);
    const hiddenSpans = full.trace!.spans.filter(
      s => s.serviceName === 'ratings.bookinfo',
    );
    expect(hiddenSpans.length).toBeGreaterThan(0);
    for (const span of hiddenSpans) {
      const kept = redacted.trace!.spans.find(s => s.spanId === span.spanId)!;
      expect(kept).toMatchObject({
        serviceName: 'restricted',
        operationName: 'restricted',
        tags: {},
        durationMicros: span.durationMicros,
        isError: span.isError,
      });
    }
    expect(redacted.trace!.spans.filter(s => s.isFocus).length).toBe(
      full.trace!.spans.filter(s => s.isFocus).length,
    );
  });

  it('fails closed when the plugin cannot read the whole catalog: only workloads of readable entities keep names', async () => {
    const server = await start();
    serviceCatalogDown = true;
    const res = await get(
      server,
      OUTSIDER,
      entityUrl('productpage', 'graph', '?hops=3'),
    );
    expect(res.status).toBe(200);
    const graph: MeshEntityGraphResponse = res.body;
    expect(JSON.stringify(graph)).not.toMatch(HIDDEN);
    expect(graph.errors).toContainEqual(
      expect.objectContaining({
        source: 'catalog',
        message: expect.stringMatching(
          /^Cannot tell which workloads belong to entities you may not read/,
        ),
      }),
    );
    // Unowned workloads cannot be told from hidden ones now, so they are withheld too.
    expect(
      graph.nodes.every(
        n =>
          n.restricted ||
          n.entityRef ||
          n.type === 'unknown' ||
          n.type === 'external' ||
          n.type === 'service',
      ),
    ).toBe(true);
    expect(graph.nodes.find(n => n.name === 'productpage-v1')).toMatchObject({
      isFocus: true,
    });
  });

  it('answers 403 on the catalog-wide views when mesh.overview.read is denied', async () => {
    const server = await startPolicyBackend({
      entities: demoCatalogEntities(),
      rules: {
        readable: () => true,
        meshAllowed: (_user, permission) => permission !== 'mesh.overview.read',
      },
    });
    for (const url of [
      '/api/mesh/overview',
      '/api/mesh/insights',
      '/api/mesh/posture',
      '/api/mesh/dependencies',
    ]) {
      const res = await get(server, OUTSIDER, url);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed to read the mesh overview',
      );
    }
  });
});
