/*
 * mesh:list-config-findings — the config routes' reads: Istio validation findings (Kiali's codes)
 * on the objects, Services and workloads affecting a Component or System, or mesh-wide (no
 * entityRef, `mesh.overview.read`) with the owners each object affects, errors first.
 */
import {
  MeshConfigObject,
  MeshConfigResponse,
  MeshEntityConfigResponse,
  MeshWideConfigObject,
} from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { InputError } from '@backstage/errors';
import { readEntityConfig } from '../routes/configRoutes';
import { readMeshConfig } from '../routes/meshConfigRoutes';
import {
  ActionContext,
  meshAction,
  optionalEntityRefInput,
  entityTarget,
  MeshAction,
} from './actionContext';
import {
  bounded,
  routeQuery,
  sourceErrors,
  sourceErrorsSchema,
} from './compact';

const MAX_FINDINGS = 25;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

const input = z.object({
  entityRef: optionalEntityRefInput(
    'A System covers its components; leave it out for every Istio object of the mesh (needs mesh.overview.read).',
  ),
  namespace: z
    .string()
    .max(63)
    .optional()
    .describe('Mesh-wide only: objects of this Kubernetes namespace'),
  kind: z
    .string()
    .max(63)
    .optional()
    .describe('Mesh-wide only: objects of this kind, e.g. VirtualService'),
  severity: z
    .enum(['error', 'warning', 'info'])
    .optional()
    .describe('Mesh-wide only: objects with a finding of this severity'),
  owner: z
    .string()
    .max(300)
    .optional()
    .describe(
      'Mesh-wide only: objects affecting entities of this owner (group:default/team-a), or "unowned" for objects no entity owns',
    ),
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
  owners: z
    .array(z.string())
    .optional()
    .describe(
      'Mesh-wide only: owners of the entities the object affects ("unowned" when none)',
    ),
});

const output = z.object({
  entityRef: z
    .string()
    .nullable()
    .describe('The entity asked about; null for the mesh-wide list'),
  summary: z.object({
    objects: z
      .number()
      .describe(
        'Objects affecting the entity (mesh-wide: matching the filters)',
      ),
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
export function configFindings(
  config: Pick<MeshEntityConfigResponse | MeshConfigResponse, 'objects'>,
) {
  return config.objects
    .flatMap((o: MeshConfigObject | MeshWideConfigObject) =>
      o.checks.map(c => ({
        ...('owners' in o ? { owners: o.owners } : {}),
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
    title: 'Istio config findings of a service, a system or the mesh',
    description:
      "Istio configuration validation findings (Kiali's codes and messages, e.g. a " +
      'VirtualService routing to a subset no DestinationRule defines) on the Istio objects, ' +
      'Services and workloads that affect a catalog Component or System, or — without ' +
      'entityRef — on every Istio and Gateway API object of the mesh with the owners of what ' +
      'each affects (filterable by namespace, kind, severity, owner or "unowned"; needs the ' +
      "mesh.overview.read permission), answered with the caller's permissions. Errors first.",
    input,
    output,
    run: async ({ entityRef, ...filters }, credentials) => {
      if (entityRef !== undefined && Object.values(filters).some(Boolean))
        throw new InputError(
          'namespace, kind, severity and owner filter the mesh-wide list: leave out entityRef to use them',
        );
      const config =
        entityRef === undefined
          ? await readMeshConfig(ctx, routeQuery(filters), credentials)
          : await readEntityConfig(
              ctx,
              entityTarget(entityRef),
              {},
              credentials,
            );
      return {
        entityRef: 'entityRef' in config ? config.entityRef : null,
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
