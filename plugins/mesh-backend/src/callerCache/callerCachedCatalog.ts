/*
 * The catalog as the mesh plugin reads it: the reads it makes as a caller (an entity by ref,
 * entities by refs, a filtered list) go through ./CallerMemo, keyed by the caller and the request,
 * so a caller's identical reads in flight join one catalog round trip (and, with a TTL, are
 * reused). Everything else is the catalog itself.
 */
import { CatalogService } from '@backstage/plugin-catalog-node';
import { callerKey } from './callerKey';
import { CallerMemo } from './CallerMemo';

const MEMOISED = new Set<PropertyKey>([
  'getEntities',
  'getEntitiesByRefs',
  'getEntityByRef',
]);

export function callerCachedCatalog(
  catalog: CatalogService,
  memo: CallerMemo,
): CatalogService {
  return new Proxy(catalog, {
    get(target, property) {
      const original = Reflect.get(target, property, target);
      if (typeof original !== 'function') return original;
      if (!MEMOISED.has(property)) return original.bind(target);
      return (
        request: unknown,
        options: Parameters<CatalogService['getEntities']>[1],
      ) =>
        memo.get(
          `${callerKey(options.credentials)}\u0000catalog.${String(
            property,
          )}\u0000${JSON.stringify(request ?? null)}`,
          () => original.call(target, request, options),
          options.credentials,
        );
    },
  });
}
