/*
 * mesh:get-mesh-posture — the posture routes' read: for a Component, the components of a System
 * or Group, or (without an entity) the whole catalog, which needs `mesh.overview.read`.
 */
import { z } from 'zod/v3';
import {
  readCatalogPosture,
  readEntityPosture,
} from '../routes/securityRoutes';
import {
  ActionContext,
  meshAction,
  optionalEntityRefInput,
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
  windowInputSchema,
} from './compact';

const MAX_ITEMS = 25;

const input = z.object({
  entityRef: optionalEntityRefInput(
    'A System or Group covers its components; leave it out for the whole catalog.',
  ),
  window: windowInputSchema,
});

const output = z.object({
  scope: z.enum(['entity', 'system', 'group', 'catalog']),
  entityRef: z.string().nullable(),
  windowSeconds: z.number(),
  entities: z
    .object({ total: z.number(), items: z.array(z.string()) })
    .describe(
      'Catalog entities whose workloads were counted (at most 25 listed)',
    ),
  workloads: z.object({
    total: z.number(),
    sidecar: z.number(),
    ambient: z.number(),
    gateway: z.number(),
    outOfMesh: z.number(),
    inMeshPercent: z.number().nullable(),
  }),
  traffic: z.object({
    requestsPerSecond: z.number(),
    requestsMtlsPercent: z
      .number()
      .nullable()
      .describe('Share of server-reported requests over mutual TLS, %'),
    tcpBytesPerSecond: z.number(),
    tcpBytesMtlsPercent: z.number().nullable(),
  }),
  namespaces: z
    .object({
      strict: z.number(),
      permissive: z.number(),
      disabled: z.number(),
    })
    .describe('Namespaces by effective PeerAuthentication mTLS mode'),
  workloadsWithoutAuthorizationPolicy: z.object({
    total: z.number(),
    items: z.array(z.string()).describe('namespace/name (at most 25)'),
  }),
  configFindings: z.object({
    invalidObjects: z.number(),
    errors: z.number(),
    warnings: z.number(),
    infos: z.number(),
  }),
  sourceErrors: sourceErrorsSchema,
});

export function createPostureAction(
  ctx: ActionContext,
): MeshAction<typeof input, typeof output> {
  return meshAction(ctx, {
    name: 'get-mesh-posture',
    title: 'Mesh security posture of a team, system, service or the catalog',
    description:
      "Istio security posture, answered with the caller's permissions, for a Component, the " +
      'components of a System or Group, or the whole catalog (no entityRef; needs the ' +
      'mesh.overview.read permission): workloads in the mesh (sidecar / ambient / gateway / out of ' +
      'mesh), share of requests and TCP bytes over mutual TLS (%) over `window` (default 10m), ' +
      'namespaces by mTLS mode, workloads without an AuthorizationPolicy, and Istio config ' +
      'validation findings.',
    input,
    output,
    run: async ({ entityRef, window }, credentials) => {
      const query = routeQuery({ window });
      const result =
        entityRef === undefined
          ? await readCatalogPosture(ctx, query, credentials)
          : await readEntityPosture(
              ctx,
              entityTarget(entityRef),
              query,
              credentials,
            );
      const { posture } = result;
      return {
        scope: result.scope,
        entityRef: result.entityRef ?? null,
        windowSeconds: result.windowSeconds,
        entities: bounded(result.entities, MAX_ITEMS),
        workloads: {
          total: posture.workloads.total,
          sidecar: posture.workloads.sidecar,
          ambient: posture.workloads.ambient,
          gateway: posture.workloads.gateway,
          outOfMesh: posture.workloads.outOfMesh,
          inMeshPercent: percent(posture.workloads.inMeshShare),
        },
        traffic: {
          requestsPerSecond: rps(posture.traffic.requestsPerSecond),
          requestsMtlsPercent: percent(posture.traffic.requestMtlsShare),
          tcpBytesPerSecond: Math.round(posture.traffic.bytesPerSecond),
          tcpBytesMtlsPercent: percent(posture.traffic.bytesMtlsShare),
        },
        namespaces: {
          strict: posture.namespaces.strict,
          permissive: posture.namespaces.permissive,
          disabled: posture.namespaces.disabled,
        },
        workloadsWithoutAuthorizationPolicy: bounded(
          posture.workloadsWithoutAuthorizationPolicy.map(
            w => `${w.namespace}/${w.name}`,
          ),
          MAX_ITEMS,
        ),
        configFindings: {
          invalidObjects: posture.validations.invalidObjects,
          errors: posture.validations.errors,
          warnings: posture.validations.warnings,
          infos: posture.validations.infos,
        },
        sourceErrors: sourceErrors(result.errors),
      };
    },
  });
}
