/*
 * The mesh-wide Istio config list (GET /config): every Istio and Gateway API object of every
 * cluster with its validations, the entities it affects and their owners — so that config no entity
 * owns (a VirtualService bound to a missing Gateway for a host nobody serves) is visible somewhere.
 *
 * Access: affected entities are named only when the caller can read them in the catalog AND has
 * `mesh.entity.read` on them (the caller's view, ../scope); the others are only counted, like
 * restricted graph nodes. Objects that affect only hidden workloads are withheld (counted).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MeshConfigResponse,
  MeshSourceError,
  MeshValidationSeverity,
  MeshWideConfigObject,
} from '@mesh-portal/plugin-mesh-common';
import { specRedactor } from '../access/redactSpecs';
import { workloadKey } from '../mapping/mapEntity';
import { ScopeResolver } from '../scope/ScopeResolver';
import { MeshSources } from '../sources/types';
import { refKey, summarize } from '../validation/configObjects';
import { meshWideObjects } from '../validation/meshWideObjects';
import { refsOf } from '../scope/catalogScope';
import { MeshValidationService } from './MeshValidationService';
import { readInventory } from './readInventory';
import { uniqueErrors } from './sourceErrors';

export const UNOWNED = 'unowned';

export interface MeshConfigFilters {
  namespace?: string;
  kind?: string;
  severity?: MeshValidationSeverity;
  owner?: string;
}

export interface MeshConfigRequest {
  credentials: BackstageCredentials;
  filters: MeshConfigFilters;
}

// Re-applying needs no server-managed metadata; this annotation repeats the whole object.
const DROPPED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
];

export class MeshWideConfigService {
  constructor(
    private readonly options: {
      sources: MeshSources;
      validation: MeshValidationService;
      scope: ScopeResolver;
    },
  ) {}

  async getMeshConfig(request: MeshConfigRequest): Promise<MeshConfigResponse> {
    const { filters } = request;
    const errors: MeshSourceError[] = [];
    const { scope: resolver } = this.options;
    const [validated, inventory, view] = await Promise.all([
      this.options.validation.validatedClusters(),
      readInventory(this.options.sources),
      resolver.callerView(request.credentials),
    ]);
    errors.push(...validated.errors, ...view.errors);
    const owners = resolver.ownerIndex(view, inventory);
    const scope = await resolver.visibility(view, inventory, errors);
    // The caller's view holds only entities that passed `mesh.entity.read` (../scope).
    const readable = new Set(view.visible.map(e => stringifyEntityRef(e)));
    const byRef = new Map(view.visible.map(e => [stringifyEntityRef(e), e]));
    const redactSpec = specRedactor(
      scope.visibility,
      inventory.workloads,
      inventory.services,
    );
    const isHidden = (w: Parameters<typeof workloadKey>[0]) =>
      scope.visibility.isHidden(workloadKey(w));
    let withheldObjects = 0;

    const all: MeshWideConfigObject[] = validated.clusters.flatMap(cluster =>
      meshWideObjects(cluster).flatMap(o => {
        // An object that affects only workloads the caller may not see is withheld (counted, not
        // shown): its name and spec would name them (docs/access-model.md).
        if (o.workloads.length > 0 && o.workloads.every(isHidden)) {
          withheldObjects++;
          return [];
        }
        const named = new Set<string>();
        const restricted = new Set<string>();
        for (const w of o.workloads) {
          const key = workloadKey(w);
          const ref = owners.get(key);
          if (ref && readable.has(ref)) named.add(ref);
          else if (ref || scope.visibility.isHidden(key))
            restricted.add(ref ?? key);
        }
        const affected = [...named].sort().map(entityRef => {
          const [owner] = refsOf(
            byRef.get(entityRef)!,
            'ownedBy',
            'owner',
            'Group',
          );
          return { entityRef, ...(owner ? { owner } : {}) };
        });
        const ownerRefs = [
          ...new Set(affected.flatMap(a => (a.owner ? [a.owner] : []))),
        ].sort();
        return [
          {
            ref: o.ref,
            apiVersion: o.object.apiVersion,
            metadata: metadataOf(o.object.metadata),
            relations: redactSpec(o.relations, o.ref.namespace),
            valid: !o.checks.some(c => c.severity === 'error'),
            checks: redactSpec(o.checks, o.ref.namespace),
            spec: redactSpec(o.object.spec ?? {}, o.ref.namespace),
            entities: affected,
            restrictedEntities: restricted.size,
            owners:
              affected.length === 0 && restricted.size === 0
                ? [UNOWNED]
                : ownerRefs,
          },
        ];
      }),
    );
    all.sort((a, b) => refKey(a.ref).localeCompare(refKey(b.ref)));
    const objects = all.filter(o => matches(o, filters));
    return {
      objects,
      ...(withheldObjects ? { withheldObjects } : {}),
      summary: summarize(objects),
      filters,
      facets: {
        kinds: [...new Set(all.map(o => o.ref.kind))].sort(),
        namespaces: [...new Set(all.map(o => o.ref.namespace))].sort(),
        owners: [...new Set(all.flatMap(o => o.owners))].sort(),
      },
      ignoredCodes: this.options.validation.ignoredCodes,
      errors: uniqueErrors(errors),
    };
  }
}

function matches(o: MeshWideConfigObject, f: MeshConfigFilters): boolean {
  return (
    (!f.namespace || o.ref.namespace === f.namespace) &&
    (!f.kind || o.ref.kind.toLowerCase() === f.kind.toLowerCase()) &&
    (!f.severity || o.checks.some(c => c.severity === f.severity)) &&
    (!f.owner || o.owners.includes(f.owner))
  );
}

function metadataOf(
  meta: MeshWideConfigObject['metadata'],
): MeshWideConfigObject['metadata'] {
  const annotations = Object.fromEntries(
    Object.entries(meta.annotations ?? {}).filter(
      ([k]) => !DROPPED_ANNOTATIONS.includes(k),
    ),
  );
  return {
    ...(meta.labels && Object.keys(meta.labels).length
      ? { labels: meta.labels }
      : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}
