/* The Jaeger source over real HTTP against a Jaeger query API test double serving real Jaeger JSON. */
import { describeWithFixtures } from '../../../__testUtils__/fixtures';
import { TestServer } from '../../../__testUtils__/httpServer';
import {
  fixtureJson,
  queryOf,
  startTraceBackend,
} from '../../../__testUtils__/traceBackend';
import { TraceWebLinks } from '../traceWebLinks';
import { JaegerTraceSource } from './JaegerTraceSource';

const END = new Date(1_706_680_000_000);
let server: TestServer;
afterEach(() => server?.close());

describeWithFixtures('JaegerTraceSource', () => {
  const petclinic = () =>
    fixtureJson('jaeger/query-api/petclinic-testTraceNormal.json');
  const eleven = () =>
    fixtureJson('jaeger/query-api/ui-testTrace-11spans.json');

  async function start() {
    server = await startTraceBackend({
      '/jaeger/api/traces': () => ({
        body: {
          data: [petclinic(), eleven()],
          total: 2,
          limit: 0,
          offset: 0,
          errors: null,
        },
      }),
      '/jaeger/api/traces/4766f1209f70a5e2e55417fc296fd101': () => ({
        body: { data: [petclinic()] },
      }),
      '/jaeger/api/services': () => ({
        body: { data: ['customers-service', 'api-gateway'], total: 2 },
      }),
    });
    return new JaegerTraceSource(
      { url: `${server.url}/jaeger/`, bearerToken: 'jaeger-t0ken' },
      {
        webLinks: TraceWebLinks.fromConfig(
          'jaeger',
          'https://jaeger.example.com/jaeger',
          'uiUrl',
        ),
      },
    );
  }

  it('searches with service, time range in µs, limit, minDuration and an error tag, as headers carry the token', async () => {
    const source = await start();
    const { value, errors } = await source.findTraces({
      serviceName: 'api-gateway',
      end: END,
      lookbackSeconds: 3600,
      limit: 20,
      minDurationMicros: 1500,
      errorsOnly: true,
    });
    expect(errors).toEqual([]);
    const query = queryOf(server);
    expect(server.requests[0].url).toMatch(/^\/jaeger\/api\/traces\?/);
    expect(Object.fromEntries(query)).toEqual({
      service: 'api-gateway',
      start: String((END.getTime() - 3_600_000) * 1000),
      end: String(END.getTime() * 1000),
      limit: '20',
      tags: '{"error":"true"}',
      minDuration: '1500us',
    });
    expect(server.requests[0].headers.authorization).toBe(
      'Bearer jaeger-t0ken',
    );
    // The PetClinic trace has no error span, so it is not an error trace, whatever the backend sent.
    expect(value.map(t => t.spanCount)).toEqual([11]);
  });

  it('summarises every trace returned, newest first', async () => {
    const source = await start();
    const { value } = await source.findTraces({
      serviceName: 'api-gateway',
      end: END,
      lookbackSeconds: 600,
      limit: 10,
    });
    expect(value.map(t => t.rootServiceName).sort()).toEqual([
      'api-gateway',
      'service1',
    ]);
    expect(value[0].startTimeMicros).toBeGreaterThanOrEqual(
      value[1].startTimeMicros,
    );
    expect(queryOf(server).has('tags')).toBe(false);
  });

  it('gets a trace by id, answers undefined for an unknown one, and links to the Jaeger UI', async () => {
    const source = await start();
    const { value } = await source.getTrace('4766f1209f70a5e2e55417fc296fd101');
    expect(value?.spans).toHaveLength(5);
    const unknown = await source.getTrace('ffffffffffffffffffffffffffffffff');
    expect(unknown).toEqual({ value: undefined, errors: [] });
    expect(source.traceWebUrl('4766F1209F70A5E2E55417FC296FD101')).toBe(
      'https://jaeger.example.com/jaeger/trace/4766f1209f70a5e2e55417fc296fd101',
    );
    expect(source.traceWebUrl('../../admin')).toBeUndefined();
  });

  it('lists the services Jaeger knows', async () => {
    expect((await (await start()).listServices()).value).toEqual([
      'api-gateway',
      'customers-service',
    ]);
  });
});
