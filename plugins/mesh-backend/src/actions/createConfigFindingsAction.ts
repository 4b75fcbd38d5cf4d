/*
 * mesh:list-config-findings — the config route's read: Istio validation findings (Kiali's codes)
 * on the objects, Services and workloads affecting a Component, errors first.
 */
import { MeshEntityConfigResponse } from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { readEntityConfig } from '../routes/configRoutes';
import {
  ActionContext,
  meshAction,
  entityRefInput,
  entityTarget,
  MeshAction,
} from './actionContext';
import { bounded, sourceErrors, sourceErrorsSchema } from './compact';

const MAX_FINDINGS = 25;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

const input = z.object({
  entityRef: entityRefInput,
});

export const configFindingSchema = z.object({
  object: z
    .string()
    .describe(
      'Kind namespace/name of the object, e.g. "VirtualService bookinfo/reviews"',
    ),
  cluster: z.string(),
  code: z.string().describe("Kiali's validation code, e.g. KIA1107"),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z
    .string()
    .describe('Offending field, e.g. spec/http[0]/route[1]/destination'),
});

const output = z.object({
  entityRef: z.string(),
  summary: z.object({
    objects: z.number().describe('Objects affecting the entity'),
    invalidObjects: z.number(),
    errors: z.number(),
    warnings: z.number(),
    infos: z.number(),
  }),
  findings: z
    .object({ total: z.number(), items: z.array(configFindingSchema) })
    .describe('Errors first (at most 25)'),
  ignoredCodes: z.array(z.string()).describe('Codes silenced by configuration'),
  sourceErrors: sourceErrorsSchema,
});

/** Every finding of a config response, errors first (shared with explain-entity-health). */
export function configFindings(config: MeshEntityConfigResponse) {
  return config.objects
    .flatMap(o =>
      o.checks.map(c => ({
        object: `${o.ref.kind} ${o.ref.namespace}/${o.ref.name}`,
        cluster: o.ref.cluster,
        code: c.code,
        severity: c.severity,
        message: c.message,
        path: c.path,
      })),
    )
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.object.localeCompare(b.object) ||
        a.code.localeCompare(b.code),
    );
}

export function createConfigFindingsAction(
  ctx: ActionContext,
): MeshAction<typeof input, typeof output> {
  return meshAction(ctx, {
    name: 'list-config-findings',
    title: 'Istio config findings of a service',
    description:
      "Istio configuration validation findings (Kiali's codes and messages, e.g. a " +
      'VirtualService routing to a subset no DestinationRule defines) on the Istio objects, ' +
      "Services and workloads that affect a catalog Component, answered with the caller's " +
      'permissions. Errors first.',
    input,
    output,
    run: async ({ entityRef }, credentials) => {
      const config = await readEntityConfig(
        ctx,
        entityTarget(entityRef),
        {},
        credentials,
      );
      return {
        entityRef: config.entityRef,
        summary: {
          objects: config.summary.objects,
          invalidObjects: config.summary.invalidObjects,
          errors: config.summary.errors,
          warnings: config.summary.warnings,
          infos: config.summary.infos,
        },
        findings: bounded(configFindings(config), MAX_FINDINGS),
        ignoredCodes: config.ignoredCodes,
        sourceErrors: sourceErrors(config.errors),
      };
    },
  });
}
