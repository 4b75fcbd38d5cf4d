/*
 * Test double of a tracing backend's HTTP API: a real loopback HTTP server (startTestServer) that
 * answers each path with a canned JSON body, usually a real document from ../shared/fixtures.
 * The clients under test talk real HTTP to it; only the backend's storage is faked.
 */
import fs from 'fs';
import path from 'path';
import { MeshTrace } from '@mesh-portal/plugin-mesh-common';
import { FIXTURES_DIR } from './fixtures';
import { startTestServer, TestServer } from './httpServer';

export type Answer = { status?: number; body: unknown } | undefined;

/** `routes` maps a path (without query) to its answer; unknown paths answer 404. */
export function startTraceBackend(
  routes: Record<string, (url: URL) => Answer>,
): Promise<TestServer> {
  return startTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    const answer = routes[url.pathname]?.(url);
    res.writeHead(answer?.status ?? (answer ? 200 : 404), {
      'Content-Type': 'application/json',
    });
    res.end(
      JSON.stringify(
        answer?.body ?? { errors: [{ code: 404, msg: 'not found' }] },
      ),
    );
  });
}

export const fixtureJson = (relative: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, relative), 'utf8'));

/** The query of the n-th request the backend received. */
export const queryOf = (server: TestServer, n = 0) =>
  new URL(server.requests[n].url ?? '/', 'http://backend').searchParams;

/** A MeshTrace in Jaeger query-API JSON (the inverse of normaliseJaegerTrace), for Jaeger test doubles. */
export function jaegerJsonOf(trace: MeshTrace) {
  const services = [...new Set(trace.spans.map(s => s.serviceName))];
  return {
    traceID: trace.traceId,
    spans: trace.spans.map(s => ({
      traceID: trace.traceId,
      spanID: s.spanId,
      operationName: s.operationName,
      references: s.parentSpanId
        ? [
            {
              refType: 'CHILD_OF',
              traceID: trace.traceId,
              spanID: s.parentSpanId,
            },
          ]
        : [],
      startTime: s.startTimeMicros,
      duration: s.durationMicros,
      tags: Object.entries(s.tags).map(([key, value]) => ({
        key,
        type: typeof value === 'boolean' ? 'bool' : 'string',
        value,
      })),
      processID: `p${services.indexOf(s.serviceName)}`,
    })),
    processes: Object.fromEntries(
      services.map((serviceName, i) => [`p${i}`, { serviceName, tags: [] }]),
    ),
  };
}
