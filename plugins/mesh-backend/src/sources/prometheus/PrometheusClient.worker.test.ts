/*
 * A mesh model read whose last answer was large is sent by the worker thread itself
 * (./fetchVectorJob): its bytes never pass the event loop (the event loop's fetch is not called),
 * it answers the same samples, and every way a store can fail gives the error a read on the event
 * loop gives. Real loopback HTTP(S) servers and the real worker thread (this package's TypeScript
 * through the backend's loader).
 */
import { startTestServer, TestServer } from '../../__testUtils__/httpServer';
import { testCertificate } from '../../__testUtils__/kubeApi/testCertificate';
import { workerThread } from '../workerThread';
import { PrometheusClient, PrometheusClientOptions } from './PrometheusClient';

const item = (i: number) => ({
  metric: { reporter: 'destination', source_workload: `client-${i}` },
  value: [1, String(i / 4)],
});
/** ~12 kB: over the 2 kB these clients decode on the event loop. */
const large = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: Array.from({ length: 150 }, (_, i) => item(i)),
  },
});

/** What the server answers now (switched after the first, large answer). */
type Answer = (res: import('http').ServerResponse) => void;
let answer: Answer;
let server: TestServer | undefined;
afterEach(async () => {
  jest.restoreAllMocks();
  await server?.close();
  server = undefined;
});

const serve = async (tls = false) => {
  answer = res => res.end(large);
  server = await startTestServer((_req, res) => answer(res), { tls });
  return server.url;
};

/** A client whose first read was large: its next read of the same query goes to the worker. */
async function primed(options: PrometheusClientOptions) {
  const client = new PrometheusClient({ offThreadBytes: 2048, ...options });
  const first = await client.queryList('up', new Date());
  return { client, first: [...first.samples] };
}

const outcome = (client: PrometheusClient) =>
  client.queryList('up', new Date()).then(
    list => ({ samples: [...list.samples] }),
    e => ({ errorType: e.errorType, message: e.message, status: e.statusCode }),
  );

describe('PrometheusClient, a read whose last answer was large', () => {
  it('is sent by the worker: the same samples, no byte through the event loop', async () => {
    const url = await serve();
    const { client, first } = await primed({ url });
    expect(first).toHaveLength(150);
    const fetched = jest.spyOn(globalThis, 'fetch');
    const done = workerThread.done;
    expect(await outcome(client)).toEqual({ samples: first });
    expect(fetched).not.toHaveBeenCalled();
    expect(workerThread.done).toBe(done + 1);
    // Sent as the event loop sends it: the same query, time and timeout, the same headers.
    const [onLoop, onWorker] = server!.requests;
    expect(onWorker.url).toBe(onLoop.url);
    expect(new URLSearchParams(onWorker.body).get('query')).toBe('up');
    expect(onWorker.headers['content-type']).toBe(
      onLoop.headers['content-type'],
    );

    // An answer that has become small goes back to the event loop.
    answer = res =>
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [item(1)] },
        }),
      );
    expect(await outcome(client)).toEqual({
      samples: [{ labels: item(1).metric, value: 0.25 }],
    });
    expect(fetched).not.toHaveBeenCalled();
    expect((await outcome(client)) as object).toHaveProperty('samples');
    expect(fetched).toHaveBeenCalledTimes(1);
  });

  it('reads a store behind TLS with its own CA, and sends credentials as headers', async () => {
    const url = await serve(true);
    const { client, first } = await primed({
      url,
      bearerToken: 's3cret-token',
      tls: { ca: testCertificate().cert, skipTLSVerify: false },
    });
    const fetched = jest.spyOn(globalThis, 'fetch');
    expect(await outcome(client)).toEqual({ samples: first });
    expect(fetched).not.toHaveBeenCalled();
    expect(server!.requests[1].headers.authorization).toBe(
      'Bearer s3cret-token',
    );
  });

  const failures: Array<[string, Answer, Partial<PrometheusClientOptions>?]> = [
    [
      'an error status with Prometheus’ message',
      res => {
        res.statusCode = 503;
        res.end(
          JSON.stringify({
            status: 'error',
            errorType: 'timeout',
            error: 'query timed out in expression evaluation',
          }),
        );
      },
    ],
    [
      'a refusal echoing the credential',
      res => {
        res.statusCode = 401;
        res.end(
          JSON.stringify({ status: 'error', error: 'bad token s3cret-token' }),
        );
      },
    ],
    [
      'another result type',
      res =>
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'matrix', result: [] },
          }),
        ),
    ],
    [
      'a large body that is no vector',
      res =>
        res.end(
          `{"status":"success","data":{"resultType":"vector","result":[${'"x",'.repeat(
            4000,
          )}"x"]}}`,
        ),
    ],
    [
      'a body cut off',
      res => {
        res.write(large.slice(0, 5000));
        res.destroy();
      },
    ],
    [
      'an answer over the streamed limit',
      res => res.end(large.repeat(3)),
      { maxStreamedResponseBytes: 20_000 },
    ],
    ['no answer within the timeout', () => undefined, { timeoutMs: 300 }],
  ];
  it.each(failures)(
    'fails on %s as a read on the event loop does',
    async (_, failing, options = {}) => {
      const url = await serve();
      const base = { url, bearerToken: 's3cret-token', offThreadBytes: 2048 };
      const { client } = await primed({ ...base, ...options });
      answer = failing;
      const fetched = jest.spyOn(globalThis, 'fetch');
      const onWorker = await outcome(client);
      expect(fetched).not.toHaveBeenCalled();
      const onLoop = await outcome(
        new PrometheusClient({ ...base, ...options }),
      );
      expect(onWorker).toHaveProperty('errorType');
      expect(onWorker).toEqual(onLoop);
      expect(JSON.stringify(onWorker)).not.toContain('s3cret-token');
    },
  );

  it('fails on a store that went away as a read on the event loop does', async () => {
    const url = await serve();
    const { client } = await primed({ url });
    await server!.close();
    server = undefined;
    const fetched = jest.spyOn(globalThis, 'fetch');
    const onWorker = await outcome(client);
    expect(fetched).not.toHaveBeenCalled();
    const onLoop = await outcome(new PrometheusClient({ url }));
    // The code in parentheses tells how the connection failed: refused for a new one, closed for
    // one the worker had kept alive — either way the store is unreachable.
    const unreachable = {
      errorType: 'UNREACHABLE',
      message: expect.stringMatching(
        /^Cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \((ECONNREFUSED|UND_ERR_SOCKET)\)$/,
      ),
    };
    expect(onWorker).toMatchObject(unreachable);
    expect(onLoop).toMatchObject(unreachable);
  });
});
