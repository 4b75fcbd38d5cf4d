/*
 * The Tempo source over real HTTP against a Tempo API test double serving Kiali's recordings of a
 * real Bookinfo mesh: search results (sidecar and ambient) and a trace by id in OTLP JSON.
 */
import { describeWithFixtures } from '../../../__testUtils__/fixtures';
import { TestServer } from '../../../__testUtils__/httpServer';
import {
  fixtureJson,
  queryOf,
  startTraceBackend,
} from '../../../__testUtils__/traceBackend';
import { TraceQuery } from '../../types';
import { TempoTraceSource } from './TempoTraceSource';

const END = new Date(1_701_779_900_000);
const OTLP_ID = Buffer.from('O6VWCcPN5JZJzXfR+dzZNg==', 'base64').toString(
  'hex',
);
const query = (extra: Partial<TraceQuery> = {}): TraceQuery => ({
  serviceName: 'reviews.bookinfo',
  end: END,
  lookbackSeconds: 3600,
  limit: 20,
  ...extra,
});
let server: TestServer;
afterEach(() => server?.close());

describeWithFixtures('TempoTraceSource', () => {
  async function start(
    search = 'kiali/tempo/tempo-search-response.json',
    searchMode?: 'traceql' | 'tags',
  ) {
    server = await startTraceBackend({
      '/api/search': () => ({ body: fixtureJson(search) }),
      [`/api/traces/${OTLP_ID}`]: () => ({
        body: fixtureJson('kiali/tempo/tempo-trace-by-id-otlp.json'),
      }),
      '/api/search/tag/service.name/values': () => ({
        body: { tagValues: ['reviews.bookinfo', 'details.bookinfo'] },
      }),
    });
    return new TempoTraceSource(
      { url: server.url, headers: { 'X-Scope-OrgID': 'mesh' } },
      { searchMode },
    );
  }

  it('searches with TraceQL over a time range in seconds and summarises the matched spans as partial', async () => {
    const source = await start();
    const { value, errors } = await source.findTraces(
      query({ minDurationMicros: 2000 }),
    );
    expect(errors).toEqual([]);
    expect(Object.fromEntries(queryOf(server))).toEqual({
      start: String(END.getTime() / 1000 - 3600),
      end: String(END.getTime() / 1000),
      limit: '20',
      q: '{ resource.service.name = "reviews.bookinfo" } | select(status, resource.service.name, span.node_id, .hostname)',
      spss: '10',
      minDuration: '2000us',
    });
    expect(server.requests[0].headers['x-scope-orgid']).toBe('mesh');
    expect(value).toEqual([
      expect.objectContaining({
        traceId: '100cb753c787ed5657c8d88dafc176ed',
        rootServiceName: 'istio-ingressgateway.istio-system',
        rootOperationName:
          'productpage.bookinfo.svc.cluster.local:9080/productpage',
        durationMicros: 9000,
        spanCount: 6,
        errorCount: 0,
        partial: true,
        services: ['istio-ingressgateway.istio-system', 'reviews.bookinfo'],
      }),
    ]);
  });

  it("uses Tempo's per-service statistics when present (ambient search), and pads the 31-digit trace id", async () => {
    const source = await start(
      'kiali/tempo/tempo-search-response-ambient.json',
    );
    const [hit] = (
      await source.findTraces(query({ serviceName: 'waypoint.bookinfo' }))
    ).value;
    expect(hit).toMatchObject({
      traceId: '02e299711ce47710289dc6640727404f',
      spanCount: 4,
      services: ['bookinfo-gateway-istio.bookinfo', 'waypoint.bookinfo'],
    });
    expect(hit.partial).toBeUndefined();
  });

  it("keeps only traces with a span of the entity's workloads, told by node_id", async () => {
    const source = await start();
    const pods: string[] = [];
    const v1 = await source.findTraces(
      query({
        workloads: [{ namespace: 'bookinfo', name: 'reviews-v1', pods }],
      }),
    );
    const v2 = await source.findTraces(
      query({
        workloads: [{ namespace: 'bookinfo', name: 'reviews-v2', pods }],
      }),
    );
    expect(v1.value).toHaveLength(1);
    expect(v2.value).toEqual([]);
    expect(queryOf(server).get('spss')).toBe('50');
  });

  it('asks for error spans with TraceQL, and escapes what goes into a string literal', async () => {
    const source = await start();
    const { value } = await source.findTraces(
      query({ errorsOnly: true, serviceName: 'a"} || {true' }),
    );
    expect(queryOf(server).get('q')).toBe(
      '{ resource.service.name = "a\\"} || {true" } && { status = error } | select(status, resource.service.name, span.node_id, .hostname)',
    );
    expect(value).toEqual([]); // the recorded trace has no error span
    const refused = await source.findTraces(
      query({ tags: { 'bad key")': 'x' } }),
    );
    expect(refused.errors[0]).toMatchObject({
      source: 'traces',
      errorType: 'SYSTEM_ERROR',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('searches by logfmt tags when configured for an older Tempo', async () => {
    const source = await start(undefined, 'tags');
    await source.findTraces(query({ errorsOnly: true }));
    expect(queryOf(server).get('tags')).toBe(
      'service.name="reviews.bookinfo" error=true',
    );
    expect(queryOf(server).has('q')).toBe(false);
  });

  it('gets a trace by id in OTLP JSON, and undefined for an unknown id', async () => {
    const source = await start();
    const { value } = await source.getTrace(OTLP_ID);
    expect(value?.spans).toHaveLength(8);
    expect((await source.getTrace('0123456789abcdef')).value).toBeUndefined();
    expect((await source.listServices()).value).toEqual([
      'details.bookinfo',
      'reviews.bookinfo',
    ]);
  });
});
