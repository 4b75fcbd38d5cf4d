/*
 * Test harness for the MCP acceptance test: the demo backend in its own process (../../bench/
 * benchBackend: the real catalog, auth and permission backends, the demo policy, the MCP actions
 * backend, telemetry through a real Prometheus scraping the demo mesh), a guest signed in as the
 * demo's frontend does, the real MCP client over Streamable HTTP, and the same guest's HTTP calls
 * to the mesh routes.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  BenchBackend,
  guestToken,
  startBenchBackend,
  waitForCatalog,
} from '../../bench/benchBackend';

export interface MeshMcp {
  backend: BenchBackend;
  client: Client;
  /** A mesh route as the guest: status and JSON body. */
  route(path: string): Promise<{ status: number; body: any }>;
  /** A tool call as the guest: the structured output, or the error text. */
  tool(
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ output?: any; error?: string }>;
  stop(): Promise<void>;
}

export async function startMeshMcp(): Promise<MeshMcp> {
  const backend = await startBenchBackend({ scrapeSeconds: 2, log: () => {} });
  try {
    const token = await guestToken(backend.url);
    await waitForCatalog(backend.url, token);
    const client = new Client({ name: 'mesh-acceptance', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${backend.url}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
      ),
    );
    const route = async (path: string) => {
      const res = await fetch(`${backend.url}/api/mesh${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return { status: res.status, body: await res.json() };
    };
    const tool = async (name: string, args: Record<string, unknown>) => {
      const result: any = await client.callTool({ name, arguments: args });
      return result.isError
        ? { error: result.content[0].text as string }
        : { output: result.structuredContent };
    };
    return {
      backend,
      client,
      route,
      tool,
      stop: async () => {
        await client.close();
        await backend.stop();
      },
    };
  } catch (error) {
    await backend.stop();
    throw error;
  }
}

/** Drops what differs between two reads of the same data (evaluation and last-seen times, data age). */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(
          ([k]) =>
            !['timestamp', 'lastSeen', 'recentTime', 'dataAgeSeconds'].includes(
              k,
            ),
        )
        .map(([k, v]) => [k, stable(v)]),
    );
  return value;
}

/**
 * Reads the routes, calls the action, reads the routes again, and hands over the pair once both
 * route reads agree — the action then ran on the same data. Telemetry comes from the mesh model,
 * refreshed every 30 s (other windows: evaluated at times aligned to 5 s), and demo traces appear
 * every few seconds, so a refresh or step boundary between the reads only means trying again.
 */
export async function sameMoment<R, A>(
  readRoutes: () => Promise<R>,
  callAction: () => Promise<A>,
): Promise<{ routes: R; action: A }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await readRoutes();
    const action = await callAction();
    const after = await readRoutes();
    if (JSON.stringify(stable(before)) === JSON.stringify(stable(after)))
      return { routes: after, action };
  }
  throw new Error('the routes never answered the same twice in a row');
}

export const round = (value: number, digits: number) =>
  Math.round(value * 10 ** digits) / 10 ** digits;
