/*
 * A real test backend (startTestBackend, real HTTP) with the mesh plugin and TEST DOUBLES of a
 * permission-aware catalog and permission service:
 * - the catalog is Backstage's in-memory catalog mock, one copy per user holding only the entities
 *   `readable` lets that user read (the real catalog filters every query by its policy the same
 *   way); service principals — the plugin's own credentials — read everything;
 * - the permission service answers `mesh.entity.read` / `mesh.overview.read` per user and resource.
 * Users are selected per request with `mockCredentials.user(ref).header()`.
 * packages/backend's meshDemoPolicy test runs the real catalog and permission backends instead.
 */
import {
  BackstageCredentials,
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { meshPlugin } from '../plugin';
import { withDemo } from './withDemo';

export interface AccessRules {
  /** Whether `user` may read `entity` from the catalog (catalog.entity.read). */
  readable(user: string, entity: Entity): boolean;
  /** Whether `user` may read mesh data (`mesh.entity.read` of `entityRef`, or `mesh.overview.read`). */
  meshAllowed?(user: string, permission: string, entityRef?: string): boolean;
}

export interface PolicyBackendOptions {
  entities: Entity[];
  rules: AccessRules;
  config?: JsonObject;
  /** Serve the embedded demo mesh (default true; it is off unless configured). */
  demo?: boolean;
  /** Every call the plugin makes to the catalog with its own service credentials fails (when true). */
  serviceCatalogFails?: () => boolean;
  /** A call of `method` made as `user` fails (when true). */
  userCatalogFails?: (method: string, user: string) => boolean;
  /** Sees every catalog call: method, arguments, and the user (undefined: the plugin's own credentials). */
  onCatalogCall?: (method: string, args: unknown[], user?: string) => void;
  /** A promise a catalog call waits for before it is answered (undefined: answered at once). */
  holdCatalog?: (method: string, user?: string) => Promise<void> | undefined;
  /** Sees every permission request: the user and the resource refs (or permission names) asked about. */
  onAuthorize?: (user: string, asked: string[]) => void;
  /** Sees how many entities each catalog call returned (to count what a request reads). */
  onCatalogRows?: (method: string, rows: number, user?: string) => void;
  auditor?: ReturnType<typeof mockServices.auditor.mock>;
  /** More service factories (a recording logger, …). */
  features?: ServiceFactory[];
}

const userOf = (credentials?: BackstageCredentials) => {
  const principal = credentials?.principal as
    | { type?: string; userEntityRef?: string }
    | undefined;
  return principal?.type === 'user' ? principal.userEntityRef : undefined;
};

/** A CatalogService whose answers depend on who asks (see the file comment). */
export function policyCatalog(
  options: Pick<
    PolicyBackendOptions,
    | 'entities'
    | 'rules'
    | 'serviceCatalogFails'
    | 'userCatalogFails'
    | 'onCatalogCall'
    | 'holdCatalog'
    | 'onCatalogRows'
  >,
) {
  const full = catalogServiceMock({ entities: options.entities });
  const perUser = new Map<string, ReturnType<typeof catalogServiceMock>>();
  const forUser = (user: string) => {
    if (!perUser.has(user))
      perUser.set(
        user,
        catalogServiceMock({
          entities: options.entities.filter(e =>
            options.rules.readable(user, e),
          ),
        }),
      );
    return perUser.get(user)!;
  };
  return new Proxy(full, {
    get(target, method: keyof typeof full) {
      if (typeof target[method] !== 'function') return target[method];
      return (...args: unknown[]) => {
        const { credentials } = (args[args.length - 1] ?? {}) as {
          credentials?: BackstageCredentials;
        };
        const user = userOf(credentials);
        options.onCatalogCall?.(method, args, user);
        // A failing read fails as the catalog client's do: a rejected promise, or a stream
        // (streamEntities) whose first page throws.
        const fail = (message: string) =>
          method === 'streamEntities'
            ? (async function* failing() {
                throw new Error(message);
              })()
            : Promise.reject(new Error(message));
        if (user && options.userCatalogFails?.(method, user))
          return fail('catalog unavailable');
        if (!user && options.serviceCatalogFails?.())
          return fail('catalog unavailable for service calls');
        const catalog = user ? forUser(user) : target;
        const answer = () =>
          (catalog[method] as (...a: unknown[]) => unknown)(...args);
        const hold = options.holdCatalog?.(method, user);
        const result = hold ? hold.then(answer) : answer();
        if (!options.onCatalogRows || !(result instanceof Promise))
          return result;
        return result.then(value => {
          options.onCatalogRows!(method, rowsOf(value), user);
          return value;
        });
      };
    },
  });
}

/** Entities in a catalog answer: `items` (possibly with nulls), or one entity. */
const rowsOf = (value: unknown): number => {
  const items = (value as { items?: unknown[] } | undefined)?.items;
  if (Array.isArray(items)) return items.filter(Boolean).length;
  return value ? 1 : 0;
};

export async function startPolicyBackend(options: PolicyBackendOptions) {
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, { credentials } = {} as any) => {
      options.onAuthorize?.(
        userOf(credentials) ?? '',
        requests.map(r =>
          'resourceRef' in r && r.resourceRef
            ? r.resourceRef
            : r.permission.name,
        ),
      );
      return requests.map(request => {
        const user = userOf(credentials) ?? '';
        const entityRef =
          'resourceRef' in request ? request.resourceRef : undefined;
        const name = request.permission.name;
        const allowed = (options.rules.meshAllowed ?? (() => true))(
          user,
          name,
          isResourcePermission(request.permission) ? entityRef : undefined,
        );
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
  });
  const catalog = policyCatalog(options);
  const { server } = await startTestBackend({
    features: [
      meshPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      permissions.factory,
      ...(options.auditor ? [options.auditor.factory] : []),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: withDemo(options.config, options.demo ?? true),
      }),
    ],
  });
  return server;
}

export const asUser = (user: string) => mockCredentials.user.header(user);

export const refOf = (e: Entity) => stringifyEntityRef(e);
