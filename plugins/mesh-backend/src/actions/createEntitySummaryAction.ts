/*
 * mesh:get-entity-mesh-summary — one entity at a glance. A Component answers from the health,
 * graph (1 hop, workloads) and config routes' reads; a Group from the team route's read, one row
 * per component it owns (directly or through sub-groups).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DEFAULT_GRAPH_WINDOW,
  MESH_HEALTH_PRIORITY,
  MeshEntityTraffic,
} from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { entityTrafficFigures } from '../graph/rollup/entityTraffic';
import { readEntityConfig } from '../routes/configRoutes';
import { readEntityGraph } from '../routes/graphRoutes';
import { readEntityHealth } from '../routes/healthRoutes';
import { readTeam } from '../routes/rollupRoutes';
import {
  ActionContext,
  meshAction,
  entityWindowInput,
  entityTarget,
  MeshAction,
} from './actionContext';
import {
  bounded,
  healthStatusSchema,
  ms,
  percent,
  routeQuery,
  rps,
  sourceErrors,
  sourceErrorsSchema,
} from './compact';

const MAX_REASONS = 5;
const MAX_ROWS = 25;

const input = entityWindowInput;

const traffic = z.object({
  inboundRps: z
    .number()
    .describe('Requests per second into it from other workloads'),
  inboundErrorPercent: z
    .number()
    .nullable()
    .describe('Failed share of inbound requests in % (null without requests)'),
  inboundP95Ms: z
    .number()
    .nullable()
    .describe('Worst p95 latency of its inbound edges, ms'),
  inboundMtlsPercent: z
    .number()
    .nullable()
    .describe('Share of inbound traffic over mutual TLS, %'),
  outboundRps: z.number().describe('Requests per second it sends'),
});

const output = z.object({
  entityRef: z.string(),
  kind: z.string(),
  windowSeconds: z.number(),
  health: z.object({
    status: healthStatusSchema,
    reasons: z.array(z.string()).describe('Why, worst first (at most 5)'),
  }),
  traffic: traffic
    .nullable()
    .describe('Component or System; a Group has it per component'),
  workloads: z
    .object({
      total: z.number(),
      items: z.array(
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
          health: healthStatusSchema,
          dataplane: z.string().optional(),
          availableReplicas: z.number().optional(),
          desiredReplicas: z.number().optional(),
        }),
      ),
    })
    .nullable()
    .describe('Component or System: the Kubernetes workloads it maps to'),
  components: z
    .object({
      total: z.number(),
      items: z.array(
        traffic.extend({
          entityRef: z.string(),
          health: healthStatusSchema,
          workloads: z.number(),
        }),
      ),
    })
    .nullable()
    .describe('Group only: its components, worst health first (at most 25)'),
  configFindings: z
    .object({ errors: z.number(), warnings: z.number(), infos: z.number() })
    .nullable()
    .describe(
      'Component or System: Istio config validation findings (Kiali codes) on objects affecting it',
    ),
  sourceErrors: sourceErrorsSchema,
});

type Output = z.infer<typeof output>;

const trafficOf = (
  t: Pick<
    MeshEntityTraffic,
    'rpsIn' | 'rpsOut' | 'errorRateIn' | 'p95In' | 'mtlsIn'
  >,
) => ({
  inboundRps: rps(t.rpsIn),
  inboundErrorPercent: percent(t.errorRateIn),
  inboundP95Ms: ms(t.p95In),
  inboundMtlsPercent: percent(t.mtlsIn),
  outboundRps: rps(t.rpsOut),
});

async function componentSummary(
  ctx: ActionContext,
  target: { kind: string; namespace: string; name: string },
  window: string | undefined,
  credentials: BackstageCredentials,
): Promise<Output> {
  // One window for every read (the health route alone would default to 5m).
  const query = routeQuery({ window: window ?? DEFAULT_GRAPH_WINDOW });
  const [health, graph, config] = await Promise.all([
    readEntityHealth(ctx, target, query, credentials),
    readEntityGraph(
      ctx,
      target,
      { ...query, hops: '1', graphType: 'workload' },
      credentials,
    ),
    readEntityConfig(ctx, target, {}, credentials),
  ]);
  const workloads = health.items.filter(i => i.kind === 'workload');
  return {
    entityRef: health.entityRef,
    kind: target.kind.toLowerCase(),
    windowSeconds: health.windowSeconds,
    health: {
      status: health.health.status,
      reasons: [...new Set(health.health.reasons)].slice(0, MAX_REASONS),
    },
    // A System's own nodes are its members' (the focus of its graph); traffic between them is internal.
    traffic: trafficOf(
      entityTrafficFigures(
        target.kind.toLowerCase() === 'system'
          ? n => !!n.isFocus
          : health.entityRef,
        graph,
      ),
    ),
    workloads: bounded(
      workloads.map(w => ({
        cluster: w.cluster,
        namespace: w.namespace,
        name: w.name,
        health: w.health.status,
        ...(w.dataplane ? { dataplane: w.dataplane } : {}),
        ...(w.replicas
          ? {
              availableReplicas: w.replicas.available,
              desiredReplicas: w.replicas.desired,
            }
          : {}),
      })),
      MAX_ROWS,
    ),
    components: null,
    configFindings: {
      errors: config.summary.errors,
      warnings: config.summary.warnings,
      infos: config.summary.infos,
    },
    sourceErrors: sourceErrors([
      ...health.errors,
      ...graph.errors,
      ...config.errors,
    ]),
  };
}

async function groupSummary(
  ctx: ActionContext,
  target: { kind: string; namespace: string; name: string },
  window: string | undefined,
  credentials: BackstageCredentials,
): Promise<Output> {
  const team = await readTeam(ctx, target, routeQuery({ window }), credentials);
  const rows = [...team.components].sort(
    (a, b) =>
      MESH_HEALTH_PRIORITY[b.health] - MESH_HEALTH_PRIORITY[a.health] ||
      a.entityRef.localeCompare(b.entityRef),
  );
  const worst = rows[0]?.health ?? 'no-data';
  return {
    entityRef: team.groupRef,
    kind: 'group',
    windowSeconds: team.windowSeconds,
    health: {
      status: worst,
      reasons: rows
        .filter(r => r.health === worst && worst !== 'no-data')
        .slice(0, MAX_REASONS)
        .map(r => `${r.entityRef} is ${r.health}`),
    },
    traffic: null,
    workloads: null,
    components: bounded(
      rows.map(r => ({
        entityRef: r.entityRef,
        health: r.health,
        workloads: r.workloads,
        ...trafficOf(r),
      })),
      MAX_ROWS,
    ),
    configFindings: null,
    sourceErrors: sourceErrors(team.errors),
  };
}

export function createEntitySummaryAction(
  ctx: ActionContext,
): MeshAction<typeof input, typeof output> {
  return meshAction(ctx, {
    name: 'get-entity-mesh-summary',
    title: 'Mesh summary of a service or team',
    description:
      'Service-mesh (Istio) summary of a catalog Component, System or Group, answered with the ' +
      "caller's permissions. For a Component or System (the union of its components): health with reasons, inbound requests per second, " +
      'inbound error % and worst inbound p95 latency (ms), share of inbound traffic over mTLS (%), ' +
      'outbound requests per second, the Kubernetes workloads it maps to, and the count of Istio ' +
      'config findings. For a Group: the same traffic figures per component it owns. Rates are ' +
      'averages over `window` (default 10m). Not found means the entity does not exist or the ' +
      'caller may not see it; not allowed means the caller may see it but not its mesh data.',
    input,
    output,
    run: async ({ entityRef, window }, credentials) => {
      const target = entityTarget(entityRef);
      return target.kind.toLowerCase() === 'group'
        ? await groupSummary(ctx, target, window, credentials)
        : await componentSummary(ctx, target, window, credentials);
    },
  });
}
