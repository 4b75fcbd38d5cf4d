/*
 * Acceptance of the mesh actions (issue 17): the demo backend with the MCP actions backend, the
 * real MCP client as the demo's guest, every mesh tool checked against the HTTP routes' answers
 * for the same entity and window, and the demo policy's denials answered exactly as the routes
 * (and so the UI) answer them. Harness: ./__testUtils__/meshMcp.
 */
import {
  MeshMcp,
  round,
  sameMoment,
  startMeshMcp,
} from './__testUtils__/meshMcp';

jest.setTimeout(60_000);

const TOOLS = [
  'mesh.get-entity-mesh-summary',
  'mesh.list-callers-and-callees',
  'mesh.explain-entity-health',
  'mesh.get-dependency-drift',
  'mesh.get-mesh-posture',
  'mesh.list-config-findings',
];
const entity = (name: string, route: string, kind = 'component') =>
  `/entities/by-name/${kind}/default/${name}/${route}`;
const rps = (v: number) => round(v, 2);
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : round(v * 100, 2);

let mesh: MeshMcp;

beforeAll(async () => {
  mesh = await startMeshMcp();
  // Rates need two Prometheus scrapes of the demo mesh.
  for (let i = 0; i < 60; i++) {
    const { body } = await mesh.route(entity('reviews', 'graph?hops=1'));
    if (body.edges?.some((e: any) => e.rps > 0)) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error('no traffic in the demo mesh after 60 s');
}, 240_000);

afterAll(async () => mesh?.stop(), 30_000);

/** The inbound and outbound edges of the focus nodes of a graph response. */
function crossing(graph: any) {
  const focus = new Set(
    graph.nodes.filter((n: any) => n.isFocus).map((n: any) => n.id),
  );
  const nodes = new Map(graph.nodes.map((n: any) => [n.id, n]));
  return {
    nodes,
    inbound: graph.edges.filter(
      (e: any) => focus.has(e.target) && !focus.has(e.source),
    ),
    outbound: graph.edges.filter(
      (e: any) => focus.has(e.source) && !focus.has(e.target),
    ),
    touching: graph.edges.filter(
      (e: any) => focus.has(e.source) || focus.has(e.target),
    ),
  };
}

describe('the mesh tools over MCP, as the guest', () => {
  it('lists the six read-only mesh tools with their input schemas', async () => {
    const { tools } = await mesh.client.listTools();
    const ours = tools.filter(t => t.name.startsWith('mesh.'));
    expect(ours.map(t => t.name).sort()).toEqual([...TOOLS].sort());
    for (const t of ours) {
      expect(t.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
      });
      expect(t.description!.length).toBeGreaterThan(200);
    }
  });

  it('summarises reviews as the health, graph and config routes do', async () => {
    const { routes, action } = await sameMoment(
      async () => ({
        health: (await mesh.route(entity('reviews', 'health?window=10m'))).body,
        graph: (
          await mesh.route(entity('reviews', 'graph?window=10m&hops=1'))
        ).body,
        config: (await mesh.route(entity('reviews', 'config'))).body,
      }),
      () =>
        mesh.tool('mesh.get-entity-mesh-summary', {
          entityRef: 'component:default/reviews',
          window: '10m',
        }),
    );
    const out = action.output;
    const { inbound, outbound } = crossing(routes.graph);
    expect(out).toMatchObject({
      entityRef: 'component:default/reviews',
      windowSeconds: 600,
      health: { status: routes.health.health.status },
      traffic: {
        inboundRps: rps(inbound.reduce((a: number, e: any) => a + e.rps, 0)),
        outboundRps: rps(outbound.reduce((a: number, e: any) => a + e.rps, 0)),
        inboundP95Ms: Math.max(...inbound.map((e: any) => e.latency.p95)),
        inboundMtlsPercent: 100,
      },
      configFindings: { errors: routes.config.summary.errors },
    });
    expect(routes.health.health.reasons).toEqual(
      expect.arrayContaining(out.health.reasons),
    );
    expect(out.workloads.items.map((w: any) => w.name)).toEqual(
      routes.health.items
        .filter((i: any) => i.kind === 'workload')
        .map((i: any) => i.name),
    );
  });

  it('summarises a System as the union of its components, as its routes do', async () => {
    const { routes, action } = await sameMoment(
      async () => ({
        health: (
          await mesh.route(entity('bookinfo', 'health?window=10m', 'system'))
        ).body,
        graph: (
          await mesh.route(
            entity('bookinfo', 'graph?window=10m&hops=1', 'system'),
          )
        ).body,
        config: (await mesh.route(entity('bookinfo', 'config', 'system'))).body,
      }),
      () =>
        mesh.tool('mesh.get-entity-mesh-summary', {
          entityRef: 'system:default/bookinfo',
          window: '10m',
        }),
    );
    const out = action.output;
    const { inbound, outbound } = crossing(routes.graph);
    expect(inbound.length).toBeGreaterThan(0);
    expect(out).toMatchObject({
      entityRef: 'system:default/bookinfo',
      kind: 'system',
      health: { status: routes.health.health.status },
      traffic: {
        inboundRps: rps(inbound.reduce((a: number, e: any) => a + e.rps, 0)),
        outboundRps: rps(outbound.reduce((a: number, e: any) => a + e.rps, 0)),
      },
      configFindings: { errors: routes.config.summary.errors },
    });
    expect(out.workloads.items.map((w: any) => w.name).sort()).toEqual(
      routes.health.items
        .filter((i: any) => i.kind === 'workload')
        .map((i: any) => i.name)
        .sort(),
    );
  });

  it('summarises a Group per component as the team route does', async () => {
    const { routes, action } = await sameMoment(
      async () =>
        (
          await mesh.route(entity('bookinfo-team', 'team', 'group'))
        ).body,
      () =>
        mesh.tool('mesh.get-entity-mesh-summary', {
          entityRef: 'group:default/bookinfo-team',
        }),
    );
    const rows = action.output.components;
    expect(rows.total).toBe(routes.components.length);
    for (const c of routes.components) {
      expect(rows.items.find((r: any) => r.entityRef === c.entityRef)).toEqual({
        entityRef: c.entityRef,
        health: c.health,
        workloads: c.workloads,
        inboundRps: rps(c.rpsIn),
        inboundErrorPercent: pct(c.errorRateIn),
        inboundP95Ms: c.p95In,
        inboundMtlsPercent: pct(c.mtlsIn),
        outboundRps: rps(c.rpsOut),
      });
    }
  });

  it('answers "who calls reviews" from the app graph with owners and drift', async () => {
    const { routes, action } = await sameMoment(
      async () => ({
        graph: (
          await mesh.route(entity('reviews', 'graph?hops=1&graphType=app'))
        ).body,
        deps: (await mesh.route(entity('reviews', 'dependencies'))).body,
      }),
      () =>
        mesh.tool('mesh.list-callers-and-callees', { entityRef: 'reviews' }),
    );
    const { nodes, inbound, outbound } = crossing(routes.graph);
    const expected = (edges: any[], end: 'source' | 'target') =>
      edges
        .map(e => {
          const n: any = nodes.get(e[end]);
          return {
            name: n.name,
            owner: n.owner ?? null,
            rps: rps(e.rps),
            errorPercent: pct(e.errorRate),
          };
        })
        .sort((a, b) => b.rps - a.rps || a.name.localeCompare(b.name));
    const pick = (items: any[]) =>
      items
        .filter(p => p.protocol !== null)
        .map(({ name, owner, rps: r, errorPercent }) => ({
          name,
          owner,
          rps: r,
          errorPercent,
        }));
    expect(pick(action.output.callers.items)).toEqual(
      expected(inbound, 'source'),
    );
    expect(pick(action.output.callees.items)).toEqual(
      expected(outbound, 'target'),
    );
    expect(action.output.callers.items[0]).toMatchObject({
      name: 'productpage',
      entityRef: 'component:default/productpage',
      owner: 'group:default/bookinfo-team',
      drift: routes.deps.dependencies.find(
        (d: any) =>
          d.entityRef === 'component:default/productpage' &&
          d.direction === 'inbound',
      ).drift,
    });
  });

  it('shows paymentservice to checkoutservice only as a restricted callee', async () => {
    const { routes, action } = await sameMoment(
      async () =>
        (
          await mesh.route(
            entity('checkoutservice', 'graph?hops=1&graphType=app'),
          )
        ).body,
      () =>
        mesh.tool('mesh.list-callers-and-callees', {
          entityRef: 'checkoutservice',
        }),
    );
    const restricted = action.output.callees.items.filter(
      (p: any) => p.restricted,
    );
    const routeEdge = routes.edges.find((e: any) =>
      e.target.startsWith('restricted:'),
    );
    expect(restricted).toEqual([
      expect.objectContaining({
        name: 'restricted',
        entityRef: null,
        owner: null,
        drift: null,
        rps: rps(routeEdge.rps),
      }),
    ]);
    for (const name of TOOLS) {
      const { output } = await mesh.tool(name, {
        entityRef: 'checkoutservice',
      });
      expect(JSON.stringify(output)).not.toMatch(/paymentservice/);
    }
  });

  it('explains why reviews is degraded from the health, graph, traces and config routes', async () => {
    const { routes, action } = await sameMoment(
      async () => ({
        health: (await mesh.route(entity('reviews', 'health?window=10m'))).body,
        graph: (
          await mesh.route(entity('reviews', 'graph?window=10m&hops=1'))
        ).body,
        traces: (
          await mesh.route(entity('reviews', 'traces?errorsOnly=true&limit=5'))
        ).body,
        config: (await mesh.route(entity('reviews', 'config'))).body,
      }),
      () => mesh.tool('mesh.explain-entity-health', { entityRef: 'reviews' }),
    );
    const out = action.output;
    expect(out.health.status).toBe(routes.health.health.status);
    expect(
      out.unhealthyItems.items.map((i: any) => `${i.kind}/${i.name}`),
    ).toEqual(
      routes.health.items
        .filter((i: any) => !['healthy', 'no-data'].includes(i.health.status))
        .map((i: any) => `${i.kind}/${i.name}`),
    );
    const failing = crossing(routes.graph).touching.filter(
      (e: any) => e.errorRate > 0,
    );
    expect(out.failingEdges.total).toBe(failing.length);
    const ratings = out.failingEdges.items.find(
      (e: any) => e.target === 'ratings',
    );
    expect(ratings).toMatchObject({ direction: 'outbound', errorPercent: 100 });
    expect(Object.keys(ratings.responsesRps)).toEqual(['500']);
    expect(out.errorTraces.items.map((t: any) => t.traceId)).toEqual(
      routes.traces.traces.map((t: any) => t.traceId),
    );
    expect(out.errorTraces.items[0].failingSpan).toMatchObject({
      statusCode: expect.any(String),
    });
    expect(out.configFindings.total).toBe(
      routes.config.objects
        .flatMap((o: any) => o.checks)
        .filter((c: any) => c.severity !== 'info').length,
    );
  });

  it('reports dependency drift, posture and config findings as their routes do', async () => {
    const drift = await sameMoment(
      async () =>
        (
          await mesh.route(entity('productpage', 'dependencies'))
        ).body,
      () =>
        mesh.tool('mesh.get-dependency-drift', { entityRef: 'productpage' }),
    );
    expect(drift.action.output.counts).toEqual(drift.routes.drift);
    // productpage → ratings is the demo's deliberate silent dependency. Other declared peers can
    // also read as silent right after start, while Prometheus has too little history: the list is
    // checked for ratings, not for its first item.
    expect(drift.action.output.dependencies.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: 'component:default/ratings',
          drift: 'silent',
        }),
      ]),
    );
    const team = await sameMoment(
      async () =>
        (
          await mesh.route(entity('boutique-team', 'dependencies', 'group'))
        ).body,
      () =>
        mesh.tool('mesh.get-dependency-drift', {
          entityRef: 'group:default/boutique-team',
        }),
    );
    expect(team.action.output.counts).toEqual(team.routes.drift);
    expect(team.action.output.dependencies.total).toBe(
      team.routes.dependencies.length,
    );

    const client = mesh; // the loop's callbacks must not read the suite's `let`
    for (const [args, path] of [
      [
        { entityRef: 'system:default/bookinfo' },
        entity('bookinfo', 'posture', 'system'),
      ],
      [{}, '/posture'],
    ] as const) {
      const posture = await sameMoment(
        async () => (await client.route(path)).body,
        () => client.tool('mesh.get-mesh-posture', args),
      );
      const { posture: p } = posture.routes;
      expect(posture.action.output).toMatchObject({
        scope: posture.routes.scope,
        entities: { total: posture.routes.entities.length },
        workloads: {
          total: p.workloads.total,
          outOfMesh: p.workloads.outOfMesh,
        },
        traffic: { requestsMtlsPercent: pct(p.traffic.requestMtlsShare) },
        configFindings: { errors: p.validations.errors },
      });
    }

    const config = await mesh.route(entity('reviews', 'config'));
    const findings = await mesh.tool('mesh.list-config-findings', {
      entityRef: 'reviews',
    });
    expect(findings.output.summary).toEqual({
      objects: config.body.summary.objects,
      invalidObjects: config.body.summary.invalidObjects,
      errors: config.body.summary.errors,
      warnings: config.body.summary.warnings,
      infos: config.body.summary.infos,
    });

    // Mesh-wide (no entityRef): the /config route's list, with the unowned invalid object.
    const meshWide = await mesh.route('/config?owner=unowned');
    const unowned = await mesh.tool('mesh.list-config-findings', {
      owner: 'unowned',
    });
    expect(unowned.output.entityRef).toBeNull();
    expect(unowned.output.summary.objects).toBe(meshWide.body.summary.objects);
    expect(unowned.output.findings.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: 'VirtualService istio-system/legacy-promo',
          code: 'KIA1102',
          owners: ['unowned'],
        }),
      ]),
    );
  });

  it('refuses loadgenerator and does not find paymentservice exactly as the routes do', async () => {
    for (const [name, status] of [
      ['loadgenerator', 403],
      ['paymentservice', 404],
    ] as const) {
      const route = await mesh.route(entity(name, 'health'));
      expect(route.status).toBe(status);
      const expected = `${route.body.error.name}: ${route.body.error.message}`;
      for (const tool of TOOLS) {
        expect(await mesh.tool(tool, { entityRef: name })).toEqual({
          error: expected,
        });
      }
    }
    const bad = await mesh.route(entity('reviews', 'graph?window=3x'));
    expect(bad.status).toBe(400);
    expect(
      await mesh.tool('mesh.get-entity-mesh-summary', {
        entityRef: 'reviews',
        window: '3x',
      }),
    ).toEqual({ error: `InputError: ${bad.body.error.message}` });
  });
});
