/*
 * Validates every cluster's Istio config (all checkers, Kiali's ignore rules) and answers which
 * objects affect an entity with their findings. A cluster is validated once per ClusterObjects
 * instance: inventory sources hand out the same instance until the cluster changes, so requests in
 * between reuse the result (Kiali re-validates in the background every minute instead).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { specRedactor, workloadsNamedIn } from '../access/redactSpecs';
import { Workload } from '../kube/workloads';
import { ScopeResolver } from '../scope/ScopeResolver';
import { NameMappingPolicy } from '../mapping/nameMapping';
import {
  MeshEntityConfigResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { ClusterObjects } from '../kube/types';

import { workloadKey } from '../mapping/mapEntity';
import { ClusterInfo, MeshSources } from '../sources/types';
import { configObjects, refKey, summarize } from '../validation/configObjects';
import { ValidationContext, ValidationOptions } from '../validation/context';
import { Finding } from '../validation/types';
import { validateCluster } from '../validation/validateCluster';
import { readInventory } from './readInventory';
import { mapTarget, MeshTarget } from '../scope/targetMapping';

export interface ValidatedCluster {
  info: ClusterInfo;
  ctx: ValidationContext;
  findings: Finding[];
}

export class MeshValidationService {
  /** Per cluster; `peers` are the other clusters' objects its findings were computed with (KIA0107). */
  private readonly cache = new WeakMap<
    ClusterObjects,
    { ctx: ValidationContext; findings: Finding[]; peers: ClusterObjects[] }
  >();

  constructor(
    private readonly options: {
      sources: MeshSources;
      ignoredCodes: readonly string[];
      validation?: ValidationOptions;
      nameMapping: NameMappingPolicy;
      scope?: ScopeResolver;
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
    const present = inventory.clusters.flatMap(info => {
      const objects = inventory.byCluster.get(info.name)?.objects;
      return objects ? [{ info, name: info.name, objects }] : [];
    });
    const clusters = present.map(({ info, objects }) => {
      const peers = present.filter(p => p.objects !== objects);
      let validated = this.cache.get(objects);
      if (!validated || !sameObjects(validated.peers, peers)) {
        const ctx = new ValidationContext(info.name, objects, {
          ...this.options.validation,
          peers,
        });
        validated = {
          ctx,
          findings: validateCluster(ctx, this.options.ignoredCodes).findings,
          peers: peers.map(p => p.objects),
        };
        this.cache.set(objects, validated);
      }
      return { info, ctx: validated.ctx, findings: validated.findings };
    });
    return { clusters, errors: inventory.errors };
  }

  /** With `credentials`, workloads and names the caller may not see are withheld (../scope). */
  async getEntityConfig(
    target: MeshTarget,
    credentials?: BackstageCredentials,
  ): Promise<MeshEntityConfigResponse> {
    const { clusters, errors } = await this.validatedClusters();
    // Mapped over all clusters at once: a name found in two clusters is ambiguous (../mapping).
    const mappedTarget = mapTarget(
      target,
      clusters.flatMap(c => c.ctx.workloads),
      this.options.nameMapping,
    );
    errors.push(...mappedTarget.errors);
    const objectsOf = (workloads: Workload[]) =>
      clusters.flatMap(c =>
        configObjects(
          c,
          workloads.filter(w => w.cluster === c.info.name),
        ),
      );
    let objects = objectsOf(mappedTarget.workloads);
    if (credentials && this.options.scope) {
      const inventory = await readInventory(this.options.sources);
      // The caller's scope over the target's workloads and those its objects name only (issue 15).
      const caller = await this.options.scope.scopeForWorkloads(
        credentials,
        inventory,
        [
          ...mappedTarget.workloads.map(workloadKey),
          ...workloadsNamedIn(
            objects.map(o => o.spec ?? {}),
            inventory.workloads,
            inventory.services,
          ),
        ],
        errors,
      );
      const redact = specRedactor(
        caller.visibility,
        inventory.workloads,
        inventory.services,
      );
      const visible = mappedTarget.workloads.filter(
        w => !caller.visibility.isHidden(workloadKey(w)),
      );
      if (visible.length < mappedTarget.workloads.length)
        objects = objectsOf(visible);
      objects = objects.map(o =>
        o.spec ? { ...o, spec: redact(o.spec, o.ref.namespace) } : o,
      );
    }
    objects.sort((a, b) => refKey(a.ref).localeCompare(refKey(b.ref)));
    return {
      entityRef: target.entityRef,
      objects,
      summary: summarize(objects),
      ignoredCodes: this.ignoredCodes,
      errors,
    };
  }
}

const sameObjects = (
  a: ClusterObjects[],
  b: Array<{ objects: ClusterObjects }>,
) => a.length === b.length && a.every((o, i) => o === b[i].objects);
