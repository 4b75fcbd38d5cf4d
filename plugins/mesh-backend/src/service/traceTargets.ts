/*
 * Entity → what to ask which trace source. Istio proxies report spans under the tracing service
 * name `<app>.<namespace>` (proxy config `tracingServiceName: APP_LABEL_AND_NAMESPACE`, the
 * default), with the workload name standing in when there is no app label. So an entity's lookup
 * names come from the workloads it maps to, per cluster; the cluster's source answers. When the
 * entity owns only some of the workloads reporting under a name (e.g. `reviews-v2` of `reviews`),
 * the lookup is narrowed to its workloads by `node_id`/`hostname`, as Kiali's workload traces are.
 * An annotation (`mesh.backstage.io/tracing-service` unless config renames it) overrides the names
 * for services that report under others; its value is validated before it goes near a query.
 */
import { Entity } from '@backstage/catalog-model';
import {
  MeshSourceError,
  TRACING_SERVICE_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { mapWorkloads, workloadKey } from '../mapping/mapEntity';
import { MeshSources, TraceSource, TraceWorkload } from '../sources/types';
import { TargetMembers } from '../scope/targetMapping';
import { readInventory } from './readInventory';
import { uniqueErrors } from './sourceErrors';

export interface TraceLookup {
  serviceName: string;
  /** Narrowing to the entity's workloads; absent when the entity owns every workload of the name. */
  workloads?: TraceWorkload[];
}

export interface TraceTarget {
  source: TraceSource;
  /** The entity's clusters this source serves. */
  clusters: string[];
  lookups: TraceLookup[];
}

export interface EntityTraceTargets {
  targets: TraceTarget[];
  serviceNames: string[];
  warnings: string[];
  errors: MeshSourceError[];
}

// Tracing service names as backends accept them; anything else (quotes, spaces) is refused.
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,252}$/;

/** Istio's tracing service name of a workload: `<app>.<namespace>`, else `<workload>.<namespace>`. */
export function tracingServiceName(
  w: Pick<Workload, 'podLabels' | 'name' | 'namespace'>,
): string {
  const app =
    w.podLabels.app ?? w.podLabels['app.kubernetes.io/name'] ?? w.name;
  return `${app}.${w.namespace}`;
}

function annotatedNames(
  entity: Entity,
  annotation: string,
  errors: MeshSourceError[],
): string[] | undefined {
  const value = entity.metadata.annotations?.[annotation];
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map(n => n.trim())
    .filter(Boolean);
  const invalid = names.filter(n => !SERVICE_NAME.test(n));
  if (invalid.length > 0 || names.length === 0) {
    errors.push({
      source: 'catalog',
      errorType: 'BAD_RESPONSE',
      message: `Annotation ${annotation} must be a comma-separated list of service names (letters, digits and . _ : / @ -)`,
    });
  }
  return names.filter(n => SERVICE_NAME.test(n));
}

/**
 * Workloads whose tracing service name can be looked up. Labels come from the cluster and are input
 * too: a name no tracing backend would accept (quotes, spaces, braces) is never sent to one.
 */
function traceable(
  workloads: Workload[],
  errors: MeshSourceError[],
): Workload[] {
  return workloads.filter(w => {
    if (SERVICE_NAME.test(tracingServiceName(w))) return true;
    errors.push({
      source: 'inventory',
      errorType: 'BAD_RESPONSE',
      cluster: w.cluster,
      message: `Workload ${w.namespace}/${w.name.slice(
        0,
        63,
      )} has an app label that is not a valid tracing service name; its traces are not looked up`,
    });
    return false;
  });
}

function lookupsFor(
  focus: Workload[],
  clusterWorkloads: Workload[],
): TraceLookup[] {
  const byName = new Map<string, Workload[]>();
  for (const w of focus)
    byName.set(tracingServiceName(w), [
      ...(byName.get(tracingServiceName(w)) ?? []),
      w,
    ]);
  return [...byName].map(([serviceName, own]) => {
    const reporting = clusterWorkloads.filter(
      w => tracingServiceName(w) === serviceName,
    );
    if (own.length >= reporting.length) return { serviceName };
    return {
      serviceName,
      workloads: own.map(w => ({
        namespace: w.namespace,
        name: w.name,
        pods: w.pods.map(p => p.name),
      })),
    };
  });
}

/** Lookups of several clusters on one source: a name narrowed in one cluster but not another is not narrowed. */
function mergeLookups(into: TraceLookup[], more: TraceLookup[]): TraceLookup[] {
  const merged = new Map(into.map(l => [l.serviceName, l]));
  for (const l of more) {
    const existing = merged.get(l.serviceName);
    if (!existing) merged.set(l.serviceName, l);
    else if (!existing.workloads || !l.workloads)
      merged.set(l.serviceName, { serviceName: l.serviceName });
    else
      merged.set(l.serviceName, {
        serviceName: l.serviceName,
        workloads: [...existing.workloads, ...l.workloads],
      });
  }
  return [...merged.values()];
}

export async function entityTraceTargets(
  entity: Entity,
  sources: MeshSources,
  nameMapping: NameMappingPolicy,
  /** Workloads (`cluster/namespace/name`) the caller may not see: never looked up as the entity's. */
  isHidden: (workloadKey: string) => boolean = () => false,
): Promise<EntityTraceTargets> {
  const errors: MeshSourceError[] = [];
  const warnings: string[] = [];
  const selector = entityWorkloadSelector(entity, nameMapping);
  if ('invalid' in selector)
    errors.push({
      source: 'catalog',
      errorType: 'BAD_RESPONSE',
      message: selector.invalid,
    });
  const inventory = await readInventory(sources);
  errors.push(...inventory.errors);
  const focus =
    'ok' in selector
      ? mapWorkloads(selector.ok, inventory.workloads).workloads.filter(
          w => !isHidden(workloadKey(w)),
        )
      : [];

  const bySource = new Map<TraceSource, TraceTarget>();
  for (const cluster of inventory.clusters) {
    const source = sources.tracesFor(cluster.name);
    const own = focus.filter(w => w.cluster === cluster.name);
    const override = annotatedNames(
      entity,
      source?.serviceNameAnnotation ?? TRACING_SERVICE_ANNOTATION,
      errors,
    );
    // An override without mapped workloads still says where to look: every cluster with a source.
    if (own.length === 0 && (override === undefined || focus.length > 0))
      continue;
    if (!source) {
      warnings.push(
        `No trace source is configured for cluster ${cluster.name}`,
      );
      continue;
    }
    const clusterWorkloads =
      inventory.byCluster.get(cluster.name)?.workloads ?? [];
    const lookups = override
      ? override.map(serviceName => ({ serviceName }))
      : lookupsFor(traceable(own, errors), clusterWorkloads);
    const target = bySource.get(source);
    if (target) {
      target.clusters.push(cluster.name);
      target.lookups = mergeLookups(target.lookups, lookups);
    } else bySource.set(source, { source, clusters: [cluster.name], lookups });
  }
  const targets = [...bySource.values()];
  const serviceNames = [
    ...new Set(targets.flatMap(t => t.lookups.map(l => l.serviceName))),
  ].sort();
  if (focus.length === 0 && targets.length === 0) {
    warnings.push(
      'The entity maps to no workload, so there is no tracing service to look up',
    );
  }
  return { targets, serviceNames, warnings, errors: uniqueErrors(errors) };
}

/** {@link entityTraceTargets} of each member of a target, asked once per trace source. */
export async function targetTraceTargets(
  target: TargetMembers,
  sources: MeshSources,
  nameMapping: NameMappingPolicy,
  isHidden?: (workloadKey: string) => boolean,
): Promise<EntityTraceTargets> {
  const parts = await Promise.all(
    target.members.map(m =>
      entityTraceTargets(m, sources, nameMapping, isHidden),
    ),
  );
  if (parts.length === 1) return parts[0];
  const bySource = new Map<TraceSource, TraceTarget>();
  for (const t of parts.flatMap(p => p.targets)) {
    const seen = bySource.get(t.source);
    if (!seen) bySource.set(t.source, { ...t, clusters: [...t.clusters] });
    else {
      seen.clusters = [...new Set([...seen.clusters, ...t.clusters])];
      seen.lookups = mergeLookups(seen.lookups, t.lookups);
    }
  }
  return {
    targets: [...bySource.values()],
    serviceNames: [...new Set(parts.flatMap(p => p.serviceNames))].sort(),
    warnings: [...new Set(parts.flatMap(p => p.warnings))],
    errors: uniqueErrors(parts.flatMap(p => p.errors)),
  };
}
