/*
 * The users of bench:scale (./scaleBench): N concurrent users, each signed in (a bearer token),
 * for D seconds, each on its own sequence of entities, spread over one or more backend replicas
 * (user i → replica i mod n). A user behaves as a person in the portal: opens an entity's page,
 * whose cards ask for the catalog entity, its 2-hop graph and its health at once, reads it for a
 * think time (`thinkSeconds` on average, drawn from 0.5–1.5×; the UI's own auto-refresh is 30 s),
 * then the next page; every fourth page is the mesh overview. `thinkSeconds` 0 makes every user
 * send its next request the moment the last one answers: a saturation measure, not users.
 * Requests accept gzip, as browsers' do. Every answer must have the expected status; anything else, a socket error or a timeout counts
 * as an error.
 */
import { Agent, request } from 'undici';
import { gunzipSync } from 'zlib';

export const ROUTES = ['graph', 'health', 'overview', 'catalog'] as const;
export type RouteName = (typeof ROUTES)[number];

export interface UsersResult {
  latencies: Record<RouteName, number[]>;
  /** telemetry.dataAgeSeconds of the graphs answered from the model. */
  dataAges: number[];
  /** Graphs answered while the model was still warming up (no traffic yet). */
  warmingUp: number;
  /** Source errors inside graph answers (their `errors`), by source, type and message. */
  sourceErrors: Map<string, number>;
  errors: Map<string, number>;
  requests: number;
}

export const percentile = (values: number[], p: number) =>
  values.length === 0
    ? null
    : Math.round(
        [...values].sort((a, b) => a - b)[Math.floor(values.length * p)],
      );
export const p95 = (values: number[]) => percentile(values, 0.95);

export function entityPaths(ref: { namespace: string; name: string }) {
  const entity = `component/${ref.namespace}/${ref.name}`;
  return {
    graph: `/api/mesh/entities/by-name/${entity}/graph?hops=2`,
    health: `/api/mesh/entities/by-name/${entity}/health`,
    overview: '/api/mesh/overview',
    catalog: `/api/catalog/entities/by-name/${entity}`,
  } satisfies Record<RouteName, string>;
}

export async function runUsers(options: {
  replicas: string[];
  token: string;
  users: number;
  durationSeconds: number;
  /** Entities the users may read (mesh data included): each answers 200. */
  entities: Array<{ namespace: string; name: string }>;
  thinkSeconds: number;
  /** Told of every answer: when it was asked (epoch ms), its route, replica and milliseconds. */
  onAnswer?: (answer: {
    at: number;
    route: RouteName;
    origin: string;
    ms: number;
  }) => void;
}): Promise<UsersResult> {
  const { replicas, users, entities } = options;
  const agent = new Agent({ connections: users, keepAliveTimeout: 60_000 });
  const result: UsersResult = {
    latencies: { graph: [], health: [], overview: [], catalog: [] },
    dataAges: [],
    warmingUp: 0,
    sourceErrors: new Map(),
    errors: new Map(),
    requests: 0,
  };
  const fail = (what: string) =>
    result.errors.set(what, (result.errors.get(what) ?? 0) + 1);
  const end = Date.now() + options.durationSeconds * 1000;
  const read = async (origin: string, route: RouteName, path: string) => {
    const start = performance.now();
    const at = Date.now();
    try {
      const res = await request(`${origin}${path}`, {
        dispatcher: agent,
        // As a browser asks: the backend compresses what it sends (Backstage's root router).
        headers: {
          authorization: `Bearer ${options.token}`,
          'accept-encoding': 'gzip',
        },
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
      const raw = Buffer.from(await res.body.arrayBuffer());
      const ms = performance.now() - start;
      result.latencies[route].push(ms);
      options.onAnswer?.({ at, route, origin, ms });
      result.requests++;
      if (res.statusCode !== 200) {
        fail(`${route} → ${res.statusCode}`);
        return;
      }
      if (route === 'graph') {
        const body =
          res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const { telemetry, errors } = JSON.parse(body.toString());
        for (const e of errors ?? []) {
          const what = `${e.source}/${e.errorType}: ${e.message}`.slice(0, 200);
          result.sourceErrors.set(
            what,
            (result.sourceErrors.get(what) ?? 0) + 1,
          );
        }
        if (telemetry?.state === 'warmingUp') result.warmingUp++;
        else if (typeof telemetry?.dataAgeSeconds === 'number')
          result.dataAges.push(telemetry.dataAgeSeconds);
      }
    } catch (error) {
      result.requests++;
      const e = error as Error & { code?: string };
      fail(`${route} → ${e.name}${e.code ? ` ${e.code}` : ''}: ${e.message}`);
    }
  };
  const think = () =>
    new Promise(r =>
      setTimeout(
        r,
        Math.min(
          options.thinkSeconds * (0.5 + Math.random()) * 1000,
          Math.max(0, end - Date.now()),
        ),
      ),
    );
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      const origin = replicas[user % replicas.length];
      // Users do not all open their first page in the same millisecond.
      if (options.thinkSeconds) await think();
      for (let i = 0; Date.now() < end; i++) {
        // A different entity each page, and a different sequence for each user.
        const entity = entities[(user * 7919 + i * 104729) % entities.length];
        const paths = entityPaths(entity);
        const page: RouteName[] =
          (user + i) % 4 === 3 ? ['overview'] : ['catalog', 'graph', 'health'];
        await Promise.all(page.map(route => read(origin, route, paths[route])));
        if (options.thinkSeconds) await think();
      }
    }),
  );
  await agent.close();
  return result;
}
