/*
 * mesh:explain-entity-health — why a Component is unhealthy, from the routes' reads: its health
 * items with reasons (health), the failing edges around it with their response codes (graph,
 * 1 hop, workloads), recent error traces with the span that failed (traces), and the Istio config
 * findings on what affects it (config).
 */
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { readEntityConfig } from '../routes/configRoutes';
import { readEntityGraph } from '../routes/graphRoutes';
import { readEntityHealth } from '../routes/healthRoutes';
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
  percent,
  routeQuery,
  rps,
  sourceErrors,
  sourceErrorsSchema,
} from './compact';
import {
  configFindings,
  configFindingSchema,
} from './createConfigFindingsAction';
import { ERROR_TRACES, errorTraces } from './errorTraces';

const MAX_ITEMS = 10;

const input = entityWindowInput;

const ratesByCode = z
  .record(z.record(z.number()))
  .describe(
    'Requests per second by protocol, then response code ("-" = no response; gRPC status for grpc)',
  );

const output = z.object({
  entityRef: z.string(),
  windowSeconds: z.number(),
  health: z.object({
    status: healthStatusSchema,
    reasons: z.array(z.string()),
  }),
  unhealthyItems: z
    .object({
      total: z.number(),
      items: z.array(
        z.object({
          kind: z.enum(['workload', 'app', 'service']),
          namespace: z.string(),
          name: z.string(),
          status: healthStatusSchema,
          reasons: z.array(z.string()),
          inbound: ratesByCode,
          outbound: ratesByCode,
        }),
      ),
    })
    .describe(
      'Its workloads, apps and Services that are not healthy (at most 10)',
    ),
  failingEdges: z
    .object({
      total: z.number(),
      items: z.array(
        z.object({
          direction: z.enum(['inbound', 'outbound']),
          source: z
            .string()
            .describe('Workload or Service name; "restricted" when withheld'),
          target: z.string(),
          protocol: z.enum(['http', 'grpc', 'tcp']),
          rps: z.number(),
          errorPercent: z.number(),
          responsesRps: z
            .record(z.number())
            .describe('Requests per second by response code'),
        }),
      ),
    })
    .describe(
      'Edges into or out of it with errors, most failed requests first (at most 10)',
    ),
  errorTraces: z
    .object({
      total: z.number(),
      items: z.array(
        z.object({
          traceId: z.string(),
          startedAt: z.string().describe('ISO 8601'),
          durationMs: z.number(),
          rootService: z.string(),
          rootOperation: z.string(),
          errorSpans: z.number(),
          failingSpan: z
            .object({
              service: z.string(),
              operation: z.string(),
              durationMs: z.number(),
              statusCode: z.string().nullable(),
            })
            .nullable()
            .describe(
              'The deepest span with an error (opened for the first 3 traces only)',
            ),
        }),
      ),
    })
    .describe(
      'Recent traces through it with an error, newest first (last hour, at most 5)',
    ),
  configFindings: z
    .object({ total: z.number(), items: z.array(configFindingSchema) })
    .describe(
      'Istio config findings on what affects it, errors first (at most 10)',
    ),
  sourceErrors: sourceErrorsSchema,
});

export function createExplainHealthAction(
  ctx: ActionContext,
): MeshAction<typeof input, typeof output> {
  return meshAction(ctx, {
    name: 'explain-entity-health',
    title: 'Why is a service unhealthy?',
    description:
      "Explains the Istio mesh health of a catalog Component, answered with the caller's " +
      "permissions: its unhealthy workloads, apps and Services with reasons (Kiali's rules: any " +
      '5xx or gRPC error degrades, 10% fails; missing replicas), the edges into and out of it that ' +
      'fail with requests per second by response code over `window` (default 10m), recent error ' +
      'traces (last hour) with the span where the failure started, and Istio config findings on ' +
      'the objects affecting it.',
    input,
    output,
    run: async ({ entityRef, window }, credentials) => {
      const target = entityTarget(entityRef);
      const query = routeQuery({ window: window ?? DEFAULT_GRAPH_WINDOW });
      const [health, graph, config, traces] = await Promise.all([
        readEntityHealth(ctx, target, query, credentials),
        readEntityGraph(
          ctx,
          target,
          { ...query, hops: '1', graphType: 'workload' },
          credentials,
        ),
        readEntityConfig(ctx, target, {}, credentials),
        errorTraces(ctx, target, credentials),
      ]);
      const nodes = new Map(graph.nodes.map(n => [n.id, n]));
      const focus = new Set(graph.nodes.filter(n => n.isFocus).map(n => n.id));
      const failing = graph.edges
        .filter(
          e => e.errorRate > 0 && (focus.has(e.source) || focus.has(e.target)),
        )
        .sort((a, b) => b.rps * b.errorRate - a.rps * a.errorRate)
        .map(e => ({
          direction: focus.has(e.target)
            ? ('inbound' as const)
            : ('outbound' as const),
          source: nodes.get(e.source)?.name ?? e.source,
          target: nodes.get(e.target)?.name ?? e.target,
          protocol: e.protocol,
          rps: rps(e.rps),
          errorPercent: percent(e.errorRate)!,
          responsesRps: Object.fromEntries(
            Object.entries(e.responses ?? {}).map(([code, r]) => [
              code,
              rps(r),
            ]),
          ),
        }));
      const unhealthy = health.items.filter(
        i => !['healthy', 'no-data'].includes(i.health.status),
      );
      const rounded = (rates: Record<string, Record<string, number>>) =>
        Object.fromEntries(
          Object.entries(rates).map(([protocol, byCode]) => [
            protocol,
            Object.fromEntries(
              Object.entries(byCode).map(([code, r]) => [code, rps(r)]),
            ),
          ]),
        );
      return {
        entityRef: health.entityRef,
        windowSeconds: health.windowSeconds,
        health: {
          status: health.health.status,
          reasons: [...new Set(health.health.reasons)].slice(0, 5),
        },
        unhealthyItems: bounded(
          unhealthy.map(i => ({
            kind: i.kind,
            namespace: i.namespace,
            name: i.name,
            status: i.health.status,
            reasons: i.health.reasons.slice(0, 3),
            inbound: rounded(i.requests.inbound),
            outbound: rounded(i.requests.outbound),
          })),
          MAX_ITEMS,
        ),
        failingEdges: bounded(failing, MAX_ITEMS),
        errorTraces: bounded(traces.items, ERROR_TRACES),
        configFindings: bounded(
          configFindings(config).filter(f => f.severity !== 'info'),
          MAX_ITEMS,
        ),
        sourceErrors: sourceErrors([
          ...health.errors,
          ...graph.errors,
          ...config.errors,
          ...traces.errors,
        ]),
      };
    },
  });
}
