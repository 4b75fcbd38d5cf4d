/*
 * Validates every cluster's Istio config (all checkers, Kiali's ignore rules) and answers which
 * objects affect an entity with their findings. A cluster is validated once per ClusterObjects
 * instance: inventory sources hand out the same instance until the cluster changes, so requests in
 * between reuse the result (Kiali re-validates in the background every minute instead).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NO_SPEC_REDACTION, specRedactor } from '../access/redactSpecs';
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
    let visible = (_key: string) => true;
    let redact = NO_SPEC_REDACTION;
    if (credentials && this.options.scope) {
      const inventory = await readInventory(this.options.sources);
      const caller = await this.options.scope.scopeFor(
        credentials,
        inventory,
        errors,
      );
      visible = key => !caller.visibility.isHidden(key);
      redact = specRedactor(
        caller.visibility,
        inventory.workloads,
        inventory.services,
      );
    }
    // Mapped over all clusters at once: a name found in two clusters is ambiguous (../mapping).
    const mappedTarget = mapTarget(
      target,
      clusters.flatMap(c => c.ctx.workloads),
      this.options.nameMapping,
    );
    errors.push(...mappedTarget.errors);
    const mapped = mappedTarget.workloads.filter(w => visible(workloadKey(w)));
    const objects = clusters
      .flatMap(c =>
        configObjects(
          c,
          mapped.filter(w => w.cluster === c.info.name),
        ),
      )
      .map(o => (o.spec ? { ...o, spec: redact(o.spec, o.ref.namespace) } : o));
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
