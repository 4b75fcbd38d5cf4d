/*
 * The one way an entity route is declared: validate the query, resolve the target as the caller
 * (catalog read, `mesh.entity.read`, members of a System or Group: ../scope), answer, audit. The
 * HTTP routes and the actions (../actions) run the same `readEntityRoute`, so an agent never sees
 * more than its user could in the UI, and bad input gets the same message.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { callerKey } from '../callerCache/callerKey';
import { CallerMemo } from '../callerCache/CallerMemo';
import {
  audited,
  EntityReadContext,
  ResolvedEntity,
  resolveEntityAs,
  RouteContext,
} from './context';
import { parse } from './validation';

export interface EntityRouteRequest<Q> {
  /** The entity of the path with its members (a System's or Group's mapped Components). */
  resolved: ResolvedEntity;
  query: Q;
  credentials: BackstageCredentials;
  /** The path parameters beyond the entity (e.g. `traceId`), unvalidated. */
  params: Record<string, unknown>;
}

export interface EntityRoute<S extends z.ZodTypeAny, T> {
  /** Below `/entities/by-name/:kind/:namespace/:name/`, e.g. `graph` or `traces/:traceId`. */
  path: string;
  /** The auditor event id. */
  event: string;
  /** The query parameters (strict: unknown ones are a 400); a function when defaults are configured. */
  query: S | ((ctx: EntityReadContext) => S);
  /**
   * False for views over a System's or Group's members that need no mapping of their own
   * (posture, dependencies, team); by default the entity or one of its members maps to workloads.
   */
  requireMapping?: (kind: string) => boolean;
  /** Validates path parameters beyond the entity (e.g. a trace id) before anything is read. */
  checkParams?: (params: Record<string, unknown>) => void;
  answer(
    ctx: EntityReadContext,
    request: EntityRouteRequest<z.output<S>>,
  ): Promise<T>;
  /** What the audit event records of a success (counts, never names). */
  summarize?: (result: T) => JsonObject;
}

/** Declares a route (an identity function, for type inference of the query). */
export function entityRoute<S extends z.ZodTypeAny, T>(
  route: EntityRoute<S, T>,
): EntityRoute<S, T> {
  return route;
}

/** Validation, then the target as the caller, then the answer: what the route and actions share. */
export async function readEntityRoute<S extends z.ZodTypeAny, T>(
  ctx: EntityReadContext,
  route: EntityRoute<S, T>,
  params: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
): Promise<T> {
  const schema =
    typeof route.query === 'function' ? route.query(ctx) : route.query;
  const query = parse(schema, rawQuery, 'query');
  const pathParams = (params ?? {}) as Record<string, unknown>;
  route.checkParams?.(pathParams);
  const kind = String(pathParams.kind ?? '');
  const resolved = await resolveEntityAs(ctx, params, credentials, {
    requireMapping: route.requireMapping?.(kind.toLowerCase()) ?? true,
  });
  return route.answer(ctx, {
    resolved,
    query,
    credentials,
    params: pathParams,
  });
}

export function registerEntityRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
  routes: ReadonlyArray<EntityRoute<z.ZodTypeAny, any>>,
): void {
  // Identical requests of one caller in flight at the same time are answered once (the key
  // starts with the caller: ../callerCache/callerKey); each is still audited on its own.
  const inFlight = new CallerMemo(0);
  for (const route of routes) {
    router.get(
      `/entities/by-name/:kind/:namespace/:name/${route.path}`,
      async (req, res) => {
        const result = await audited(
          ctx,
          route.event,
          req,
          async () => {
            const credentials = await ctx.httpAuth.credentials(req);
            return inFlight.get(
              `${callerKey(credentials)}\u0000${
                route.path
              }\u0000${JSON.stringify(req.params)}\u0000${JSON.stringify(
                req.query,
              )}`,
              () =>
                readEntityRoute(ctx, route, req.params, req.query, credentials),
            );
          },
          route.summarize,
        );
        res.json(result);
      },
    );
  }
}
