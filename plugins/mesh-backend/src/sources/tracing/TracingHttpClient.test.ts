/*
 * Every way a tracing backend can fail, against real local HTTP servers, for each of the three
 * sources: refused connection, slowness beyond the timeout, auth failures, server errors that echo
 * our credentials, non-JSON and oversized bodies. Each must be a typed per-source error (never a
 * throw), and no credential may appear in any message.
 */
import http from 'http';
import { refusedUrl } from '../../__testUtils__/prometheus';
import { startTestServer, TestServer } from '../../__testUtils__/httpServer';
import { HttpSourceOptions } from '../http/httpJson';
import { TraceSource } from '../types';
import { JaegerTraceSource } from './jaeger/JaegerTraceSource';
import { TempoTraceSource } from './tempo/TempoTraceSource';
import { ZipkinTraceSource } from './zipkin/ZipkinTraceSource';

const SECRETS = {
  bearerToken: 'tok-SECRET-1',
  headers: { 'X-Api-Key': 'key-SECRET-2' },
};
const sources: Array<[string, (o: HttpSourceOptions) => TraceSource]> = [
  ['jaeger', o => new JaegerTraceSource(o)],
  ['tempo', o => new TempoTraceSource(o)],
  ['zipkin', o => new ZipkinTraceSource(o)],
];
const query = {
  serviceName: 'reviews.bookinfo',
  end: new Date(),
  lookbackSeconds: 600,
  limit: 10,
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
) {
  server = await startTestServer(handler);
  return server.url;
}

function expectNoSecrets(value: unknown) {
  expect(JSON.stringify(value)).not.toMatch(/SECRET/);
}

describe.each(sources)('%s source failures', (_type, create) => {
  it('reports a refused connection as UNREACHABLE from every call', async () => {
    const source = create({
      url: refusedUrl(),
      ...SECRETS,
    });
    for (const result of [
      await source.findTraces(query),
      await source.getTrace('0123456789abcdef'),
      await source.listServices!(),
    ]) {
      expect(result.errors).toEqual([
        {
          source: 'traces',
          errorType: 'UNREACHABLE',
          message: expect.stringMatching(
            /^Cannot reach \w+ at http:\/\/127\.0\.0\.1:\d+/,
          ),
        },
      ]);
    }
  });

  it('reports a backend slower than the timeout as TIMEOUT', async () => {
    const url = await serve((_req, res) =>
      setTimeout(() => res.end('{}'), 2000),
    );
    const { value, errors } = await create({ url, timeoutMs: 150 }).findTraces(
      query,
    );
    expect(value).toEqual([]);
    expect(errors[0]).toMatchObject({
      errorType: 'TIMEOUT',
      message: expect.stringMatching(/within 150 ms/),
    });
  });

  it.each([
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [500, 'BAD_RESPONSE'],
    [504, 'TIMEOUT'],
  ])(
    'maps HTTP %i to %s and scrubs credentials the backend echoes',
    async (status, errorType) => {
      const url = await serve((req, res) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            message: `rejected ${req.headers.authorization} ${req.headers['x-api-key']}`,
          }),
        );
      });
      const { errors } = await create({
        url: url.replace('http://', 'http://user:pw-SECRET-3@'),
        ...SECRETS,
      }).findTraces(query);
      expect(errors[0]).toMatchObject({
        source: 'traces',
        errorType,
        statusCode: status,
        message: expect.stringMatching(/rejected Bearer \*\*\* \*\*\*/),
      });
      expectNoSecrets(errors);
      expect(server!.requests[0].headers.authorization).toBe(
        'Bearer tok-SECRET-1',
      );
    },
  );

  it('scrubs the base64 of basic auth when a backend echoes the header', async () => {
    const url = await serve((req, res) => {
      res.writeHead(403);
      res.end(`forbidden for ${req.headers.authorization}`);
    });
    const { errors } = await create({
      url,
      basicAuth: { username: 'mesh', password: 'pw-SECRET-4' },
    }).findTraces(query);
    expect(errors[0].message).toMatch(/forbidden for Basic \*\*\*$/);
    expect(errors[0].message).not.toContain(
      Buffer.from('mesh:pw-SECRET-4').toString('base64'),
    );
  });

  it('scrubs before it shortens: no part of a token straddling the cut survives', async () => {
    // The detail shown is at most 300 characters; put the token across that boundary.
    const url = await serve((req, res) => {
      res.writeHead(500);
      res.end(`${'x'.repeat(275)} rejected ${req.headers.authorization}`);
    });
    const { errors } = await create({ url, ...SECRETS }).findTraces(query);
    expect(errors[0].errorType).toBe('BAD_RESPONSE');
    expect(errors[0].message).not.toMatch(/tok-|SECRET/);
  });

  it.each([
    [
      'an HTML error page',
      (res: http.ServerResponse) => res.end('<html>bad gateway</html>'),
    ],
    [
      'an oversized body',
      (res: http.ServerResponse) =>
        res.end(JSON.stringify({ data: 'x'.repeat(5000) })),
    ],
  ])('reports %s as BAD_RESPONSE', async (_name, respond) => {
    const url = await serve((_req, res) => respond(res));
    const { errors } = await create({ url, maxResponseBytes: 1000 }).getTrace(
      '0123456789abcdef',
    );
    expect(errors[0]).toMatchObject({ errorType: 'BAD_RESPONSE' });
  });
});
