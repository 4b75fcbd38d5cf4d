/* The Zipkin source over real HTTP against a Zipkin v2 API test double serving real Zipkin span arrays. */
import { describeWithFixtures } from '../../../__testUtils__/fixtures';
import { TestServer } from '../../../__testUtils__/httpServer';
import {
  fixtureJson,
  queryOf,
  startTraceBackend,
} from '../../../__testUtils__/traceBackend';
import { TraceWebLinks } from '../traceWebLinks';
import { ZipkinTraceSource } from './ZipkinTraceSource';

const END = new Date(1_571_896_400_000);
let server: TestServer;
afterEach(() => server?.close());

describeWithFixtures('ZipkinTraceSource', () => {
  async function start() {
    const traces = [
      'zipkin/v2/yelp.json',
      'zipkin/v2/skew.json',
      'zipkin/v2/envoy.json',
    ].map(fixtureJson);
    server = await startTraceBackend({
      '/zipkin/api/v2/traces': () => ({ body: traces }),
      '/zipkin/api/v2/trace/1e223ff1f80f1c69': () => ({
        body: fixtureJson('zipkin/v2/skew.json'),
      }),
      '/zipkin/api/v2/services': () => ({ body: ['servicea', 'serviceb'] }),
    });
    return new ZipkinTraceSource(
      {
        url: `${server.url}/zipkin`,
        basicAuth: { username: 'mesh', password: 'zipkin-pw' },
      },
      {
        webLinks: TraceWebLinks.fromConfig(
          'zipkin',
          'https://zipkin.example.com/zipkin/',
          'uiUrl',
        ),
      },
    );
  }

  it('searches with serviceName, endTs and lookback in ms, limit, minDuration in µs and basic auth', async () => {
    const source = await start();
    const { value, errors } = await source.findTraces({
      serviceName: 'routing',
      end: END,
      lookbackSeconds: 600,
      limit: 5,
      minDurationMicros: 50,
    });
    expect(errors).toEqual([]);
    expect(Object.fromEntries(queryOf(server))).toEqual({
      serviceName: 'routing',
      endTs: String(END.getTime()),
      lookback: '600000',
      limit: '5',
      minDuration: '50',
    });
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('mesh:zipkin-pw').toString('base64')}`,
    );
    // Newest first: yelp (Oct 24 2019), envoy (Oct 8 2019), skew (2016).
    expect(value.map(t => t.traceId)).toEqual([
      'a03ee8fff1dcd9b9',
      '978883983d506fa5',
      '1e223ff1f80f1c69',
    ]);
    expect(value[0]).toMatchObject({
      rootServiceName: 'routing',
      spanCount: 16,
    });
  });

  it('asks for error traces by the presence of the error tag', async () => {
    const source = await start();
    const { value } = await source.findTraces({
      serviceName: 'routing',
      end: END,
      lookbackSeconds: 600,
      limit: 5,
      errorsOnly: true,
    });
    expect(queryOf(server).get('annotationQuery')).toBe('error');
    expect(value).toEqual([]); // none of the recorded traces has an error span
  });

  it('gets a trace with its clock skew corrected, undefined for an unknown id, and links to the Zipkin UI', async () => {
    const source = await start();
    const { value } = await source.getTrace('1e223ff1f80f1c69');
    expect(
      value?.spans.some(s => s.warnings?.some(w => w.startsWith('clock skew'))),
    ).toBe(true);
    expect((await source.getTrace('0000000000000bad')).value).toBeUndefined();
    expect(source.traceWebUrl('1e223ff1f80f1c69')).toBe(
      'https://zipkin.example.com/zipkin/traces/1e223ff1f80f1c69',
    );
    expect((await source.listServices()).value).toEqual([
      'servicea',
      'serviceb',
    ]);
  });
});
