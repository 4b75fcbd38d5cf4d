/*
 * The users of bench:scale (./scaleBench): N concurrent users, each signed in (a bearer token),
 * cycling for D seconds over an entity's 2-hop graph, its health, the mesh overview and the
 * catalog's own read of the same entity, each user on its own sequence of entities, spread over
 * one or more backend replicas (user i → replica i mod n). Every answer must have the expected
 * status; anything else, a socket error or a timeout counts as an error.
 */
import { Agent, request } from 'undici';

export const ROUTES = ['graph', 'health', 'overview', 'catalog'] as const;
export type RouteName = (typeof ROUTES)[number];

export interface UsersResult {
  latencies: Record<RouteName, number[]>;
  /** telemetry.dataAgeSeconds of the graphs answered from the model. */
  dataAges: number[];
  /** Graphs answered while the model was still warming up (no traffic yet). */
  warmingUp: number;
  errors: Map<string, number>;
  requests: number;
}

export const p95 = (values: number[]) =>
  values.length === 0
    ? null
    : Math.round(
        [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)],
      );

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
}): Promise<UsersResult> {
  const { replicas, users, entities } = options;
  const agent = new Agent({ connections: users, keepAliveTimeout: 60_000 });
  const result: UsersResult = {
    latencies: { graph: [], health: [], overview: [], catalog: [] },
    dataAges: [],
    warmingUp: 0,
    errors: new Map(),
    requests: 0,
  };
  const fail = (what: string) =>
    result.errors.set(what, (result.errors.get(what) ?? 0) + 1);
  const end = Date.now() + options.durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      const origin = replicas[user % replicas.length];
      for (let i = 0; Date.now() < end; i++) {
        // A different entity each round, and a different sequence for each user.
        const entity = entities[(user * 7919 + i * 104729) % entities.length];
        const paths = entityPaths(entity);
        for (const route of ROUTES) {
          if (Date.now() >= end) break;
          const start = performance.now();
          try {
            const res = await request(`${origin}${paths[route]}`, {
              dispatcher: agent,
              headers: { authorization: `Bearer ${options.token}` },
              headersTimeout: 60_000,
              bodyTimeout: 60_000,
            });
            const body = await res.body.text();
            result.latencies[route].push(performance.now() - start);
            result.requests++;
            if (res.statusCode !== 200) {
              fail(`${route} → ${res.statusCode}`);
              continue;
            }
            if (route === 'graph') {
              const { telemetry } = JSON.parse(body);
              if (telemetry?.state === 'warmingUp') result.warmingUp++;
              else if (typeof telemetry?.dataAgeSeconds === 'number')
                result.dataAges.push(telemetry.dataAgeSeconds);
            }
          } catch (error) {
            result.requests++;
            fail(`${route} → ${(error as Error).name}`);
          }
        }
      }
    }),
  );
  await agent.close();
  return result;
}
