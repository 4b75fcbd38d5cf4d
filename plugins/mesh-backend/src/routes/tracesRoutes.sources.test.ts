/*
 * The mesh router over the demo inventory and telemetry, with a live Jaeger trace source instead
 * of the demo's: a dead or slow Jaeger is a typed error inside the traces sub-view while the graph
 * still answers; credentials never surface; an entity owning some of a service's workloads only
 * gets their traces. The Jaeger is a real HTTP test double whose storage is the demo's trace
 * generator. Test doubles besides: Backstage's mock httpAuth, permissions, auditor and catalog.
 */
import express from 'express';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MeshEntityTraceResponse,
  MeshEntityTracesResponse,
} from '@mesh-portal/plugin-mesh-common';
import { readMeshConfig } from '../config/readMeshConfig';
import { createRouter } from '../router';
import { createServices } from '../service/createServices';
import { createSources } from '../sources/createSources';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { DemoTraceSource } from '../sources/demo/DemoTraceSource';
import { HttpSourceOptions } from '../sources/http/httpJson';
import { JaegerTraceSource } from '../sources/tracing/jaeger/JaegerTraceSource';
import { TraceWebLinks } from '../sources/tracing/traceWebLinks';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { startTestServer, TestServer } from '../__testUtils__/httpServer';
import { openApiErrors } from '../__testUtils__/openapi';
import { refusedUrl } from '../__testUtils__/prometheus';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { jaegerJsonOf, startTraceBackend } from '../__testUtils__/traceBackend';
import { entityUrl } from '../__testUtils__/testBackend';

const reviewsV2 = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'reviews-v2',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-label-selector': 'app=reviews,version=v2',
      'backstage.io/kubernetes-namespace': 'bookinfo',
    },
  },
  spec: { type: 'service', owner: 'bookinfo-team', lifecycle: 'production' },
};

/** Maps like `details` but reports traces under other names (the annotation override). */
const renamed = (name: string, tracingService: string) => ({
  ...reviewsV2,
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-label-selector': 'app=details',
      'mesh.backstage.io/tracing-service': tracingService,
    },
  },
});

const logs: string[] = [];
const auditEvents: unknown[] = [];
// Records what the routes give the auditor (its meta and errors; the request object is not data we produce).
const auditor = mockServices.auditor.mock({
  createEvent: async (options: { meta?: unknown }) => ({
    success: async (o?: { meta?: unknown }) =>
      void auditEvents.push(options.meta, o?.meta),
    fail: async (o: { error: Error }) =>
      void auditEvents.push(options.meta, o.error.message),
  }),
});

/** The mesh router with the demo's inventory and telemetry and a Jaeger source for the demo cluster. */
async function meshApp(jaeger: HttpSourceOptions) {
  const config = readMeshConfig(
    new ConfigReader({ mesh: { demo: { enabled: true } } }),
  );
  const demo = createSources(config, { logger: recordingLogger(logs) });
  const traces = new JaegerTraceSource(jaeger, {
    webLinks: TraceWebLinks.fromConfig(
      'jaeger',
      'https://jaeger.example.com',
      'uiUrl',
    ),
  });
  const sources = { ...demo, tracesFor: () => traces };
  const catalog = catalogServiceMock({
    entities: [
      ...demoCatalogEntities(),
      reviewsV2,
      renamed('renamed', 'ghost.bookinfo, productpage.bookinfo'),
      renamed('bad-override', 'x" || true'),
      renamed('ghost', 'ghost.bookinfo'),
    ],
  });
  const services = createServices({ config, sources, catalog });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    auditor,
    catalog,
    services,
  });
  return express().use('/api/mesh', router).use(mockErrorHandler());
}

let jaeger: TestServer | undefined;
afterEach(async () => {
  await jaeger?.close();
  jaeger = undefined;
});

describe('traces with a failing trace backend', () => {
  it('reports an unreachable Jaeger as a typed error in a 200, and the graph still answers', async () => {
    const app = await meshApp({ url: refusedUrl() });
    const list = await request(app).get(entityUrl('reviews', 'traces'));
    expect(list.status).toBe(200);
    expect((list.body as MeshEntityTracesResponse).errors).toEqual([
      {
        source: 'traces',
        errorType: 'UNREACHABLE',
        cluster: 'demo',
        message: expect.stringMatching(
          /^Cannot reach Jaeger at http:\/\/127\.0\.0\.1/,
        ),
      },
    ]);
    const detail = await request(app).get(
      entityUrl('reviews', 'traces/0123456789abcdef'),
    );
    expect(detail.status).toBe(200); // not a 404: the trace may well exist in the Jaeger we cannot reach
    expect((detail.body as MeshEntityTraceResponse).trace).toBeUndefined();
    const graph = await request(app).get(entityUrl('reviews', 'graph'));
    expect(graph.status).toBe(200);
    expect(graph.body.nodes.length).toBeGreaterThan(3);
    expect(graph.body.errors).toEqual([]);
  });

  it('answers the graph while a slow Jaeger holds the traces request, which then times out', async () => {
    // Jaeger hangs far beyond the timeout; the timeout leaves the graph ample time even on a loaded
    // CI machine, so the order below shows independence, not speed.
    jaeger = await startTestServer((_req, res) =>
      setTimeout(() => res.end('{"data":[]}'), 20_000),
    );
    const app = await meshApp({ url: jaeger.url, timeoutMs: 5000 });
    const order: string[] = [];
    const timed = (route: string) =>
      request(app)
        .get(entityUrl('reviews', route))
        .then(r => {
          order.push(route);
          return r;
        });
    const traces = timed('traces');
    const graph = timed('graph');
    const [t, g] = await Promise.all([traces, graph]);
    expect(order).toEqual(['graph', 'traces']);
    expect(g.status).toBe(200);
    expect(t.status).toBe(200);
    expect(t.body.errors[0]).toMatchObject({
      errorType: 'TIMEOUT',
      message: expect.stringMatching(/within 5000 ms/),
    });
  });

  it('never lets the credentials reach the response, the audit log or the logs', async () => {
    jaeger = await startTraceBackend({
      '/api/traces': () => ({
        status: 401,
        body: { errors: [{ code: 401, msg: 'bad token SECRET-t0ken-value' }] },
      }),
    });
    const app = await meshApp({
      url: jaeger.url,
      bearerToken: 'SECRET-t0ken-value',
      basicAuth: { username: 'u', password: 'SECRET-pw' },
    });
    const res = await request(app).get(entityUrl('reviews', 'traces'));
    expect(res.body.errors[0]).toMatchObject({
      errorType: 'UNAUTHORIZED',
      statusCode: 401,
      message: expect.stringContaining('bad token ***'),
    });
    expect(jaeger.requests[0].headers.authorization).toBe(
      'Bearer SECRET-t0ken-value',
    );
    expect(JSON.stringify(auditEvents)).toMatch(/"sourceErrors":1/);
    for (const text of [
      JSON.stringify(res.body),
      JSON.stringify(auditEvents),
      logs.join('\n'),
    ])
      expect(text).not.toMatch(/SECRET/);
  });
});

describe('traces from a live Jaeger', () => {
  const demoTraces = new DemoTraceSource(new DemoMesh());

  async function startDemoJaeger() {
    // The Jaeger query API, answered from the demo's trace generator (the storage is the double).
    jaeger = await startTestServer(async (req, res) => {
      const url = new URL(req.url!, 'http://jaeger');
      if (url.pathname === '/api/services') {
        res.end(
          JSON.stringify({
            data: ['productpage.bookinfo', 'reviews.bookinfo'],
          }),
        );
        return;
      }
      const traceId = /^\/api\/traces\/([0-9a-f]+)$/.exec(url.pathname)?.[1];
      const ids = traceId
        ? [traceId]
        : (
            await demoTraces.findTraces({
              serviceName: url.searchParams.get('service')!,
              end: new Date(Number(url.searchParams.get('end')) / 1000),
              lookbackSeconds:
                (Number(url.searchParams.get('end')) -
                  Number(url.searchParams.get('start'))) /
                1e6,
              limit: Number(url.searchParams.get('limit')),
            })
          ).value.map(t => t.traceId);
      const found = await Promise.all(
        ids.map(async id => (await demoTraces.getTrace(id)).value),
      );
      res.end(
        JSON.stringify({
          data: found.filter(Boolean).map(t => jaegerJsonOf(t!)),
        }),
      );
    });
    return meshApp({ url: jaeger.url });
  }

  it("narrows to the entity's own workloads by node_id when it owns only some of a service's workloads", async () => {
    const app = await startDemoJaeger();
    const v2: MeshEntityTracesResponse = (
      await request(app).get(entityUrl('reviews-v2', 'traces', '?limit=20'))
    ).body;
    expect(v2.serviceNames).toEqual(['reviews.bookinfo']);
    expect(v2.traces.length).toBeGreaterThan(0);
    expect(v2.traces[0].webUrl).toBe(
      `https://jaeger.example.com/trace/${v2.traces[0].traceId}`,
    );
    expect(openApiErrors('EntityTraces', v2)).toEqual([]);
    const all: MeshEntityTracesResponse = (
      await request(app).get(entityUrl('reviews', 'traces', '?limit=20'))
    ).body;
    expect(all.traces.length).toBeGreaterThan(v2.traces.length);

    const detail: MeshEntityTraceResponse = (
      await request(app).get(
        entityUrl('reviews-v2', `traces/${v2.traces[0].traceId}`),
      )
    ).body;
    expect(openApiErrors('EntityTrace', detail)).toEqual([]);
    const focus = detail.trace!.spans.filter(s => s.isFocus);
    expect(focus.length).toBeGreaterThan(0);
    expect(
      focus.every(s => String(s.tags.node_id).includes('~reviews-v2-')),
    ).toBe(true);
    // A reviews trace served only by v1 or v3 is not a trace of reviews-v2.
    const other = all.traces.find(
      t => !v2.traces.some(v => v.traceId === t.traceId),
    )!;
    expect(
      (
        await request(app).get(
          entityUrl('reviews-v2', `traces/${other.traceId}`),
        )
      ).status,
    ).toBe(404);
  });

  it('looks traces up by the annotation override, refuses an unsafe one, and says which names the backend lacks', async () => {
    const app = await startDemoJaeger();
    const renamedTraces: MeshEntityTracesResponse = (
      await request(app).get(entityUrl('renamed', 'traces', '?limit=5'))
    ).body;
    expect(renamedTraces.serviceNames).toEqual([
      'ghost.bookinfo',
      'productpage.bookinfo',
    ]);
    expect(renamedTraces.traces.length).toBe(5);
    expect(
      renamedTraces.traces.every(t =>
        t.services.includes('productpage.bookinfo'),
      ),
    ).toBe(true);

    const asked = jaeger!.requests.length;
    const bad: MeshEntityTracesResponse = (
      await request(app).get(entityUrl('bad-override', 'traces'))
    ).body;
    expect(bad.errors).toEqual([
      expect.objectContaining({
        source: 'catalog',
        message: expect.stringMatching(
          /mesh.backstage.io\/tracing-service must be/,
        ),
      }),
    ]);
    expect(bad.serviceNames).toEqual([]);
    expect(jaeger!.requests.length).toBe(asked); // nothing of it reached Jaeger

    const ghost: MeshEntityTracesResponse = (
      await request(app).get(entityUrl('ghost', 'traces'))
    ).body;
    expect(ghost.traces).toEqual([]);
    expect(ghost.warnings).toEqual([
      expect.stringMatching(
        /trace backend of demo has no service named ghost\.bookinfo; set the mesh\.backstage\.io\/tracing-service annotation/,
      ),
    ]);
  });
});
