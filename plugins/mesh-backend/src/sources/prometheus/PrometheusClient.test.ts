/*
 * The Prometheus client against real local HTTP servers that misbehave in each way a store can:
 * refused connections, slowness beyond the timeout, auth failures, errors, malformed, truncated
 * and oversized bodies. Each must become a typed error; credentials must never show in messages.
 */
import { refusedUrl } from '../../__testUtils__/prometheus';
import { startTestServer, TestServer } from '../../__testUtils__/httpServer';
import { PrometheusClient, PrometheusError } from './PrometheusClient';
import { PrometheusTelemetrySource } from './PrometheusTelemetrySource';
import { CachedPrometheus } from './QueryCache';
import { workerThread } from '../workerThread';
import { PackedSampleList } from '../sampleList';

const vector = (result: unknown[]) =>
  JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
const sample = {
  metric: {
    reporter: 'destination',
    source_workload: 'a',
    destination_workload: 'b',
  },
  value: [1, '2.5'],
};

let server: TestServer | undefined;
afterEach(async () => {
  jest.restoreAllMocks();
  await server?.close();
  server = undefined;
});

async function failure(client: PrometheusClient): Promise<PrometheusError> {
  const error = await client.query('up', new Date()).then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(PrometheusError);
  return error;
}

describe('PrometheusClient', () => {
  it('posts the query with time and timeout, sends credentials as headers, and parses the vector', async () => {
    server = await startTestServer((_req, res) => res.end(vector([sample])));
    const client = new PrometheusClient({
      url: `${server.url}/prefix/`,
      bearerToken: 's3cret',
      headers: { 'X-Scope-OrgID': 'tenant-a' },
    });
    const result = await client.query(
      'sum(rate(istio_requests_total[60s]))',
      new Date(1_700_000_000_000),
    );
    expect(result.samples).toEqual([{ labels: sample.metric, value: 2.5 }]);
    const [req] = server.requests;
    expect(req.url).toBe('/prefix/api/v1/query');
    expect(new URLSearchParams(req.body).get('time')).toBe('1700000000.000');
    expect(req.headers.authorization).toBe('Bearer s3cret');
    expect(req.headers['x-scope-orgid']).toBe('tenant-a');
  });

  it('reports a refused connection as UNREACHABLE', async () => {
    const error = await failure(new PrometheusClient({ url: refusedUrl() }));
    expect(error.errorType).toBe('UNREACHABLE');
  });

  it('reports a server slower than the timeout as TIMEOUT', async () => {
    server = await startTestServer((_req, res) =>
      setTimeout(() => res.end(vector([])), 2000),
    );
    const error = await failure(
      new PrometheusClient({ url: server.url, timeoutMs: 200 }),
    );
    expect(error.errorType).toBe('TIMEOUT');
  });

  it.each([
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [500, 'BAD_RESPONSE'],
    [422, 'BAD_RESPONSE'],
  ])('maps HTTP %i to %s without leaking credentials', async (status, type) => {
    server = await startTestServer((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'error', errorType: 'x', error: 'denied' }),
      );
    });
    const url = server.url.replace('http://', 'http://admin:hunter2@');
    const error = await failure(
      new PrometheusClient({
        url,
        basicAuth: { username: 'admin', password: 'hunter2' },
      }),
    );
    expect(error.errorType).toBe(type);
    expect(error.statusCode).toBe(status);
    expect(error.message).not.toMatch(/hunter2|admin/);
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('admin:hunter2').toString('base64')}`,
    );
  });

  it("maps Prometheus' own query timeout to TIMEOUT", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(503);
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        }),
      );
    });
    expect(
      (await failure(new PrometheusClient({ url: server.url }))).errorType,
    ).toBe('TIMEOUT');
  });

  it.each([
    ['malformed JSON', (res: any) => res.end('{"status":"succ')],
    ['an HTML error page', (res: any) => res.end('<html>bad gateway</html>')],
    [
      'a matrix instead of a vector',
      (res: any) =>
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'matrix', result: [] },
          }),
        ),
    ],
    [
      'a truncated body',
      (res: any) => {
        res.writeHead(200, { 'Content-Length': '5000' });
        res.write(
          '{"status":"success","data":{"resultType":"vector","result":[',
        );
        setTimeout(() => res.socket.destroy(), 50);
      },
    ],
  ])('reports %s as BAD_RESPONSE', async (_name, respond) => {
    server = await startTestServer((_req, res) => respond(res));
    expect(
      (await failure(new PrometheusClient({ url: server.url }))).errorType,
    ).toBe('BAD_RESPONSE');
  });

  it('refuses responses larger than the size guard, declared or streamed', async () => {
    const big = vector(Array.from({ length: 2000 }, () => sample));
    server = await startTestServer((req, res) => {
      if (req.headers['x-mode'] === 'chunked') {
        res.write(big.slice(0, 10_000));
        res.end(big.slice(10_000));
      } else res.end(big);
    });
    const declared = await failure(
      new PrometheusClient({ url: server.url, maxResponseBytes: 10_000 }),
    );
    expect(declared.message).toMatch(/exceeds the 10000-byte limit/);
    const streamed = await failure(
      new PrometheusClient({
        url: server.url,
        maxResponseBytes: 10_000,
        headers: { 'X-Mode': 'chunked' },
      }),
    );
    expect(streamed.message).toMatch(/exceeds the 10000-byte limit/);
  });

  it('bounds answers decoded as they arrive by maxStreamedResponseBytes instead', async () => {
    const big = vector(Array.from({ length: 2000 }, () => sample));
    server = await startTestServer((_req, res) => {
      res.write(big.slice(0, 10_000));
      res.end(big.slice(10_000));
    });
    const options = {
      url: server.url,
      maxResponseBytes: 10_000,
      // Every answer goes to the worker as it arrives.
      offThreadBytes: 0,
    };
    const before = workerThread.done;
    const { samples } = await new PrometheusClient({
      ...options,
      maxStreamedResponseBytes: big.length,
    }).query('up', new Date());
    expect(samples).toHaveLength(2000);
    expect(workerThread.done).toBe(before + 1);
    const refused = await failure(
      new PrometheusClient({ ...options, maxStreamedResponseBytes: 50_000 }),
    );
    expect(refused.errorType).toBe('BAD_RESPONSE');
    expect(refused.message).toMatch(/exceeds the 50000-byte limit/);
  });

  it('reads an answer no faster than the worker decodes it, with the same samples', async () => {
    // ~24 MB: many more 1 MB blocks than may be on their way to the worker at once.
    const result = Array.from({ length: 120_000 }, (_, i) => ({
      ...sample,
      metric: { ...sample.metric, source_workload: `client-${i}` },
    }));
    const big = vector(result);
    server = await startTestServer((_req, res) => res.end(big));
    const stream = workerThread.stream.bind(workerThread);
    let waits = 0;
    jest.spyOn(workerThread, 'stream').mockImplementation(job => {
      const started = stream(job)!;
      return {
        ...started,
        push: (bytes, length) => {
          const wait = started.push(bytes, length);
          if (wait) waits++;
          return wait;
        },
      };
    });
    const { samples } = await new PrometheusClient({
      url: server.url,
    }).query('up', new Date());
    expect(samples).toHaveLength(120_000);
    expect(samples[119_999].labels.source_workload).toBe('client-119999');
    // The read paused for the worker (../workerThread MAX_BLOCKS_IN_FLIGHT).
    expect(waits).toBeGreaterThan(0);

    // As a list (the mesh model's read): the samples as the worker packed them, the same ones.
    const list = await new PrometheusClient({ url: server.url }).queryList(
      'up',
      new Date(),
    );
    expect(list.samples).toBeInstanceOf(PackedSampleList);
    expect(list.samples.length).toBe(120_000);
    expect(list.samples.label(119_999, 'source_workload')).toBe(
      'client-119999',
    );
    expect(list.samples.at(77)).toEqual(samples[77]);
    // A small answer, decoded where it arrives, is a list of its samples too.
    await server.close();
    server = await startTestServer((_req, res) => res.end(vector([sample])));
    const small = await new PrometheusClient({ url: server.url }).queryList(
      'up',
      new Date(),
    );
    expect([...small.samples]).toEqual(
      (await new PrometheusClient({ url: server.url }).query('up', new Date()))
        .samples,
    );
  });

  it('refuses to send queries beyond the length guard', async () => {
    const client = new PrometheusClient({
      url: 'http://127.0.0.1:1',
      maxQueryLength: 100,
    });
    await expect(
      client.query('x'.repeat(101), new Date()),
    ).rejects.toMatchObject({ errorType: 'SYSTEM_ERROR' });
  });
});

describe('PrometheusTelemetrySource with a partly failing store', () => {
  it('returns the parts that worked and a typed error for the part that failed', async () => {
    server = await startTestServer((_req, res, body) => {
      const query = new URLSearchParams(body).get('query') ?? '';
      if (query.includes('histogram_quantile')) {
        res.writeHead(500);
        res.end(JSON.stringify({ status: 'error', error: 'out of memory' }));
      } else res.end(vector([sample]));
    });
    const source = new PrometheusTelemetrySource(
      new CachedPrometheus(new PrometheusClient({ url: server.url })),
      { clusters: ['east'] },
    );
    const { value, errors } = await source.getTraffic({
      windowSeconds: 600,
      time: new Date(),
    });
    expect(value.requests).toHaveLength(1);
    expect(value.tcpSent).toHaveLength(1);
    expect(value.latency).toEqual([]);
    expect(errors).toEqual([
      {
        source: 'telemetry',
        errorType: 'BAD_RESPONSE',
        cluster: 'east',
        statusCode: 500,
        message: expect.stringMatching(/latency.*500.*out of memory/),
      },
    ]);
  });

  it('never puts an invalid namespace into a query', async () => {
    server = await startTestServer((_req, res) => res.end(vector([])));
    const source = new PrometheusTelemetrySource(
      new CachedPrometheus(new PrometheusClient({ url: server.url })),
      { clusters: ['east'] },
    );
    const { errors } = await source.getTraffic({
      windowSeconds: 600,
      time: new Date(),
      namespaces: ['ok', 'x"} or vector(1) #'],
    });
    expect(errors[0]).toMatchObject({
      errorType: 'SYSTEM_ERROR',
      message: expect.stringMatching(/invalid namespace/),
    });
    expect(server.requests).toHaveLength(0);
  });
});
