/*
 * A proxy in front of a real Prometheus that holds requests for as long as a test wants — the
 * slow store of the mesh model's tests (a test double of latency only: every answer comes from
 * the real Prometheus behind it), or a failing one (`fail`: every query answered 503, what an
 * overloaded Prometheus or a gateway in front of it says) — and counts the queries it is sent.
 */
import { startTestServer } from './httpServer';

export interface GatedProxy {
  url: string;
  /** Queries received (instant and range). */
  readonly queries: number;
  /** Of those, queries of the request-duration histogram: latency. */
  readonly latencyQueries: number;
  /** The most queries it had in flight at once (received, not yet answered) since `resetInFlight`. */
  readonly mostInFlight: number;
  resetInFlight(): void;
  /** Requests received and not answered yet. */
  readonly held: number;
  /** From now on, requests wait until `release`. */
  hold(): void;
  release(): void;
  /** Answers every query with 503 until `recover`. */
  fail(): void;
  recover(): void;
  close(): Promise<void>;
}

export async function startGatedProxy(target: string): Promise<GatedProxy> {
  let open = true;
  let failing = false;
  let queries = 0;
  let latencyQueries = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const waiting: Array<() => void> = [];
  const server = await startTestServer(async (req, res, body) => {
    if (req.url?.startsWith('/api/v1/query')) {
      queries++;
      const query = new URLSearchParams(
        req.method === 'POST' ? body : req.url.split('?')[1] ?? '',
      ).get('query');
      if (query?.includes('request_duration')) latencyQueries++;
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      res.once('close', () => inFlight--);
    }
    if (!open) await new Promise<void>(resolve => waiting.push(resolve));
    if (failing) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('overloaded');
      return;
    }
    try {
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { 'Content-Type': String(req.headers['content-type'] ?? '') },
        body: req.method === 'POST' ? body : undefined,
      });
      res.writeHead(upstream.status, {
        'Content-Type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  });
  return {
    url: server.url,
    get queries() {
      return queries;
    },
    get latencyQueries() {
      return latencyQueries;
    },
    get mostInFlight() {
      return mostInFlight;
    },
    resetInFlight: () => {
      mostInFlight = inFlight;
    },
    get held() {
      return waiting.length;
    },
    hold: () => {
      open = false;
    },
    release: () => {
      open = true;
      waiting.splice(0).forEach(resolve => resolve());
    },
    fail: () => {
      failing = true;
    },
    recover: () => {
      failing = false;
    },
    close: async () => {
      open = true;
      waiting.splice(0).forEach(resolve => resolve());
      await server.close();
    },
  };
}
