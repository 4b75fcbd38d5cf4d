/*
 * What the catalog declares an entity depends on and is depended on by: `dependsOn` /
 * `dependencyOf`, and APIs — consuming an API declares a dependency on every entity that provides
 * it. Read from relations when the catalog has processed them, from `spec` otherwise.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { refsOf } from '../scope/catalogScope';

export type DeclaredVia =
  | 'dependsOn'
  | 'dependencyOf'
  | 'consumesApi'
  | 'providesApi';

export interface Declared {
  via: Set<DeclaredVia>;
  apis: Set<string>;
}

export interface DeclaredDependencies {
  outbound: Map<string, Declared>;
  inbound: Map<string, Declared>;
}

export class CatalogDependencies {
  private readonly byRef = new Map<string, Entity>();
  private readonly providers = new Map<string, Set<string>>();
  private readonly consumers = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();

  constructor(entities: Entity[]) {
    const add = (map: Map<string, Set<string>>, key: string, value: string) =>
      map.set(key, (map.get(key) ?? new Set()).add(value));
    for (const e of entities) {
      const ref = stringifyEntityRef(e);
      this.byRef.set(ref, e);
      refsOf(e, 'providesApi', 'providesApis', 'API').forEach(api =>
        add(this.providers, api, ref),
      );
      refsOf(e, 'consumesApi', 'consumesApis', 'API').forEach(api =>
        add(this.consumers, api, ref),
      );
      refsOf(e, 'dependsOn', 'dependsOn', 'Component').forEach(target =>
        add(this.dependents, target, ref),
      );
      // An API's own relations name its providers too (apiProvidedBy), when the catalog processed them.
      if (e.kind.toLowerCase() === 'api')
        refsOf(e, 'apiProvidedBy', '__none__', 'Component').forEach(p =>
          add(this.providers, ref, p),
        );
    }
  }

  entity(ref: string): Entity | undefined {
    return this.byRef.get(ref);
  }

  declaredFor(subject: string): DeclaredDependencies {
    const entity = this.byRef.get(subject);
    const outbound = new Map<string, Declared>();
    const inbound = new Map<string, Declared>();
    const note = (
      map: Map<string, Declared>,
      ref: string,
      via: DeclaredVia,
      api?: string,
    ) => {
      if (ref === subject) return;
      const d = map.get(ref) ?? {
        via: new Set<DeclaredVia>(),
        apis: new Set<string>(),
      };
      d.via.add(via);
      if (api) d.apis.add(api);
      map.set(ref, d);
    };
    if (!entity) return { outbound, inbound };
    refsOf(entity, 'dependsOn', 'dependsOn', 'Component').forEach(ref =>
      note(outbound, ref, 'dependsOn'),
    );
    refsOf(entity, 'dependencyOf', 'dependencyOf', 'Component').forEach(ref =>
      note(inbound, ref, 'dependencyOf'),
    );
    (this.dependents.get(subject) ?? new Set()).forEach(ref =>
      note(inbound, ref, 'dependencyOf'),
    );
    for (const api of refsOf(entity, 'consumesApi', 'consumesApis', 'API')) {
      (this.providers.get(api) ?? new Set()).forEach(ref =>
        note(outbound, ref, 'consumesApi', api),
      );
    }
    for (const api of refsOf(entity, 'providesApi', 'providesApis', 'API')) {
      (this.consumers.get(api) ?? new Set()).forEach(ref =>
        note(inbound, ref, 'providesApi', api),
      );
    }
    return { outbound, inbound };
  }

  /** The entity, or an API the dependency is declared through, is deprecated. */
  isDeprecated(ref: string, apis: Iterable<string> = []): boolean {
    const deprecated = (r: string) =>
      (this.byRef.get(r)?.spec as { lifecycle?: string } | undefined)
        ?.lifecycle === 'deprecated';
    return deprecated(ref) || [...apis].some(deprecated);
  }
}
