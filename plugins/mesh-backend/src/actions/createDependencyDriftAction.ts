/*
 * mesh:get-dependency-drift — the dependencies route's read for a Component, System or Group:
 * declared catalog dependencies against observed mesh traffic, problems first.
 */
import { MeshDependency } from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { readEntityDependencies } from '../routes/dependenciesRoutes';
import {
  ActionContext,
  meshAction,
  ENTITY_REF_DESCRIPTION,
  entityTarget,
  MeshAction,
} from './actionContext';
import {
  bounded,
  percent,
  routeQuery,
  rps,
  sourceErrors,
  sourceErrorsSchema,
} from './compact';

const MAX_ITEMS = 25;

const input = z.object({
  entityRef: z
    .string()
    .max(300)
    .describe(
      `${ENTITY_REF_DESCRIPTION} A System or Group covers its components.`,
    ),
  window: z
    .string()
    .optional()
    .describe(
      'Observation window, a number and one unit of s, m, h, d or w between 30s and 7d (default 7d: a dependency used weekly is not "silent")',
    ),
});

const output = z.object({
  entityRef: z.string(),
  windowSeconds: z.number(),
  floorRps: z
    .number()
    .describe('Traffic below this many requests per second does not count'),
  counts: z.object({
    undeclared: z
      .number()
      .describe('Called in the mesh but not declared in the catalog'),
    silent: z.number().describe('Declared but no traffic in the window'),
    unknownPeers: z
      .number()
      .describe('Workloads without a catalog entity it talks to'),
    deprecated: z.number().describe('Deprecated entities or APIs still in use'),
  }),
  dependencies: z
    .object({
      total: z.number(),
      items: z.array(
        z.object({
          subject: z
            .string()
            .describe('The component of the requested entity it belongs to'),
          entityRef: z.string().describe('The other entity'),
          owner: z.string().nullable(),
          direction: z
            .enum(['outbound', 'inbound'])
            .describe('outbound: subject calls it; inbound: it calls subject'),
          drift: z.enum(['declared', 'undeclared', 'silent']),
          deprecated: z.boolean(),
          declaredVia: z.array(z.string()),
          rps: z.number(),
          errorPercent: z.number().nullable(),
          lastSeen: z.string().nullable().describe('ISO 8601, when known'),
        }),
      ),
    })
    .describe(
      'Undeclared, silent and deprecated first, then declared (at most 25)',
    ),
  unknownPeers: z
    .object({
      total: z.number(),
      items: z.array(
        z.object({
          subject: z.string(),
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
          direction: z.enum(['outbound', 'inbound']),
          rps: z.number(),
        }),
      ),
    })
    .describe('At most 25'),
  sourceErrors: sourceErrorsSchema,
});

const PROBLEM_ORDER = { undeclared: 0, silent: 1, declared: 2 };
const problemFirst = (a: MeshDependency, b: MeshDependency) =>
  PROBLEM_ORDER[a.drift] - PROBLEM_ORDER[b.drift] ||
  Number(b.deprecated) - Number(a.deprecated) ||
  b.rps - a.rps ||
  a.entityRef.localeCompare(b.entityRef);

export function createDependencyDriftAction(
  ctx: ActionContext,
): MeshAction<typeof input, typeof output> {
  return meshAction(ctx, {
    name: 'get-dependency-drift',
    title: 'Dependency drift of a service, system or team',
    description:
      'Compares the dependencies declared in the catalog (dependsOn, dependencyOf, provided and ' +
      'consumed APIs) with the calls observed in the Istio mesh, for a Component, a System or a ' +
      "Group (its components), answered with the caller's permissions: undeclared calls, declared " +
      'dependencies without traffic (silent), workloads without a catalog entity, deprecated ' +
      'entities still called. Requests per second and error % are averages over `window` (default 7d).',
    input,
    output,
    run: async ({ entityRef, window }, credentials) => {
      const result = await readEntityDependencies(
        ctx,
        entityTarget(entityRef),
        routeQuery({ window }),
        credentials,
      );
      return {
        entityRef: result.entityRef,
        windowSeconds: result.windowSeconds,
        floorRps: result.floorRps,
        counts: result.drift,
        dependencies: bounded(
          [...result.dependencies].sort(problemFirst).map(d => ({
            subject: d.subject ?? result.entityRef,
            entityRef: d.entityRef,
            owner: d.owner ?? null,
            direction: d.direction,
            drift: d.drift,
            deprecated: d.deprecated,
            declaredVia: d.declaredVia ?? [],
            rps: rps(d.rps),
            errorPercent: percent(d.errorRate),
            lastSeen: d.lastSeen ?? null,
          })),
          MAX_ITEMS,
        ),
        unknownPeers: bounded(
          [...result.unknownPeers]
            .sort((a, b) => b.rps - a.rps)
            .map(p => ({
              subject: p.subject ?? result.entityRef,
              cluster: p.cluster,
              namespace: p.namespace,
              name: p.name,
              direction: p.direction,
              rps: rps(p.rps),
            })),
          MAX_ITEMS,
        ),
        sourceErrors: sourceErrors(result.errors),
      };
    },
  });
}
