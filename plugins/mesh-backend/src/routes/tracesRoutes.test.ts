/* The traces routes on a real test backend serving the embedded demo's traces. */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  MeshEntityTraceResponse,
  MeshEntityTracesResponse,
} from '@mesh-portal/plugin-mesh-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

let server: Awaited<ReturnType<typeof startMeshBackend>>;
beforeAll(async () => {
  server = await startMeshBackend();
});

async function list(
  name: string,
  query = '',
): Promise<MeshEntityTracesResponse> {
  const res = await request(server).get(entityUrl(name, 'traces', query));
  expect(res.status).toBe(200);
  expect(openApiErrors('EntityTraces', res.body)).toEqual([]);
  return res.body;
}

describe('GET /entities/by-name/:kind/:namespace/:name/traces', () => {
  it("lists productpage's recent traces by its Istio tracing service name, newest first", async () => {
    const body = await list('productpage');
    expect(body).toMatchObject({
      entityRef: 'component:default/productpage',
      serviceNames: ['productpage.bookinfo'],
      lookbackSeconds: 3600,
      limit: 100,
      errorsOnly: false,
      errors: [],
    });
    expect(body.traces.length).toBeGreaterThan(10);
    expect(body.traces.length).toBeLessThanOrEqual(100);
    for (const t of body.traces) {
      expect(t.services).toContain('productpage.bookinfo');
      expect(t.clusters).toEqual(['demo']);
      expect(t.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    const starts = body.traces.map(t => t.startTimeMicros);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it('filters by errorsOnly, minDuration and limit: the ratings fault shows up as error traces', async () => {
    const errors = await list(
      'ratings',
      '?errorsOnly=true&lookback=1d&limit=5',
    );
    expect(errors.traces.length).toBeGreaterThan(0);
    expect(errors.traces.length).toBeLessThanOrEqual(5);
    expect(errors.traces.every(t => t.errorCount > 0)).toBe(true);
    const slow = await list('productpage', '?minDuration=50ms&limit=10');
    expect(slow.minDurationMicros).toBe(50_000);
    expect(slow.traces.every(t => t.durationMicros >= 50_000)).toBe(true);
  });

  it('answers an empty list for an entity whose workloads emit no spans (ambient, no waypoint)', async () => {
    const body = await list('front-end', '?lookback=10m');
    expect(body.traces).toEqual([]);
    expect(body.serviceNames).toEqual(['front-end.sock-shop']);
  });

  it.each([
    ['?lookback=30s', /lookback must be .* between 1m and 7d/],
    ['?lookback=8d', /lookback must be .* between 1m and 7d/],
    ['?lookback=forever', /lookback must be/],
    ['?limit=0', /limit must be a whole number from 1 to 500/],
    ['?limit=501', /limit must be a whole number from 1 to 500/],
    ['?limit=ten', /limit must be a whole number from 1 to 500/],
    [
      '?minDuration=5x',
      /minDuration must be a number and one unit of us, ms, s or m/,
    ],
    ['?minDuration=2h', /minDuration must be a number and one unit/],
    ['?minDuration=61m', /minDuration must be at most 60m/],
    ['?errorsOnly=yes', /errorsOnly must be true or false/],
    ['?limit=1&limit=2', /limit must be given once/],
    ['?service=reviews.bookinfo', /Unrecognized key/],
  ])('answers 400 for %s', async (query, message) => {
    const res = await request(server).get(
      entityUrl('productpage', 'traces', query),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('GET /entities/by-name/:kind/:namespace/:name/traces/:traceId', () => {
  it('returns the normalised trace with the entity spans marked', async () => {
    const [first] = (await list('reviews', '?limit=1')).traces;
    const res = await request(server).get(
      entityUrl('reviews', `traces/${first.traceId.toUpperCase()}`),
    );
    expect(res.status).toBe(200);
    expect(openApiErrors('EntityTrace', res.body)).toEqual([]);
    const { trace }: MeshEntityTraceResponse = res.body;
    expect(trace!.traceId).toBe(first.traceId);
    expect(trace!.summary.spanCount).toBe(trace!.spans.length);
    expect(trace!.clusters).toEqual(['demo']);
    const focus = trace!.spans.filter(s => s.isFocus);
    expect(focus.length).toBeGreaterThan(0);
    expect(focus.every(s => s.serviceName === 'reviews.bookinfo')).toBe(true);
    expect(
      trace!.spans
        .filter(s => s.serviceName === 'reviews.bookinfo')
        .every(s => s.isFocus),
    ).toBe(true);
  });

  it('answers 404 for an unknown trace and for a trace that does not pass through the entity', async () => {
    const unknown = await request(server).get(
      entityUrl('reviews', 'traces/ffff000000000000ffffffffffffffff'),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /not found among the traces of component:default\/reviews/,
    );
    const [bookinfo] = (await list('reviews', '?limit=1')).traces;
    const elsewhere = await request(server).get(
      entityUrl('checkoutservice', `traces/${bookinfo.traceId}`),
    );
    expect(elsewhere.status).toBe(404);
  });

  it.each([
    'xyz',
    '0123456789abcde',
    '0123456789abcdef0',
    'g123456789abcdef',
    '0123456789abcdef0123456789abcdef00',
  ])('answers 400 for trace id %s', async traceId => {
    const res = await request(server).get(
      entityUrl('reviews', `traces/${traceId}`),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /traceId must be 16 or 32 hexadecimal characters/,
    );
  });
});

describe('traces routes and access control', () => {
  const urls = [
    entityUrl('reviews', 'traces'),
    entityUrl('reviews', 'traces/0123456789abcdef'),
  ];

  it('answers 401 without credentials', async () => {
    for (const url of urls) {
      expect(
        (
          await request(server)
            .get(url)
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    }
  });

  it('answers 403 when the permission policy denies mesh.entity.read', async () => {
    const denied = await startMeshBackend({ permission: AuthorizeResult.DENY });
    for (const url of urls)
      expect((await request(denied).get(url)).status).toBe(403);
  });

  it('answers 404 for an entity without a Kubernetes mapping', async () => {
    expect(
      (
        await request(server).get(
          '/api/mesh/entities/by-name/api/default/no-annotations/traces',
        )
      ).status,
    ).toBe(404);
  });
});
