/*
 * Validates every cluster's Istio config (all checkers, Kiali's ignore rules) and answers which
 * objects affect an entity with their findings. A cluster is validated once per ClusterObjects
 * instance: inventory sources hand out the same instance until the cluster changes, so requests in
 * between reuse the result (Kiali re-validates in the background every minute instead).
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MeshEntityConfigResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { ClusterObjects } from '../kube/types';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { selectWorkloads } from '../mapping/mapEntity';
import { ClusterInfo, MeshSources } from '../sources/types';
import { configObjects, refKey, summarize } from '../validation/configObjects';
import { ValidationContext, ValidationOptions } from '../validation/context';
import { Finding } from '../validation/types';
import { validateCluster } from '../validation/validateCluster';
import { readInventory } from './readInventory';

export interface ValidatedCluster {
  info: ClusterInfo;
  ctx: ValidationContext;
  findings: Finding[];
}

export class MeshValidationService {
  private readonly cache = new WeakMap<
    ClusterObjects,
    { ctx: ValidationContext; findings: Finding[] }
  >();

  constructor(
    private readonly options: {
      sources: MeshSources;
      ignoredCodes: readonly string[];
      nameMapping: NameMappingPolicy;
      validation?: ValidationOptions;
    },
  ) {}

  get ignoredCodes(): string[] {
    return [...this.options.ignoredCodes].sort();
  }

  async validatedClusters(): Promise<{
    clusters: ValidatedCluster[];
    errors: MeshSourceError[];
  }> {
    const inventory = await readInventory(this.options.sources);
    const clusters = inventory.clusters.flatMap(info => {
      const objects = inventory.byCluster.get(info.name)?.objects;
      if (!objects) return [];
      let validated = this.cache.get(objects);
      if (!validated) {
        const ctx = new ValidationContext(
          info.name,
          objects,
          this.options.validation,
        );
        validated = {
          ctx,
          findings: validateCluster(ctx, this.options.ignoredCodes).findings,
        };
        this.cache.set(objects, validated);
      }
      return [{ info, ...validated }];
    });
    return { clusters, errors: inventory.errors };
  }

  async getEntityConfig(entity: Entity): Promise<MeshEntityConfigResponse> {
    const { clusters, errors } = await this.validatedClusters();
    const selector = entityWorkloadSelector(entity, this.options.nameMapping);
    // Mapped over all clusters at once: a name found in two clusters is ambiguous (../mapping).
    const mapped =
      'ok' in selector
        ? selectWorkloads(
            selector.ok,
            clusters.flatMap(c => c.ctx.workloads),
          )
        : [];
    if ('invalid' in selector)
      errors.push({
        source: 'catalog',
        errorType: 'BAD_RESPONSE',
        message: selector.invalid,
      });
    const objects = clusters.flatMap(c =>
      configObjects(
        c,
        mapped.filter(w => w.cluster === c.info.name),
      ),
    );
    objects.sort((a, b) => refKey(a.ref).localeCompare(refKey(b.ref)));
    return {
      entityRef: stringifyEntityRef(entity),
      objects,
      summary: summarize(objects),
      ignoredCodes: this.ignoredCodes,
      errors,
    };
  }
}
