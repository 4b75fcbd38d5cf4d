/*
 * An entity's workloads as the mesh sees them: the mapping result (Kubernetes plugin annotations,
 * Istio canonical-service fallback), each workload's pods and their mesh status, the Services in
 * front of it and the Istio objects that apply to it. Reads the inventory sources' memory, and asks
 * the caller's scope about the target's workloads and those its objects' specs name only (issue 15).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  NO_SPEC_REDACTION,
  specRedactor,
  workloadsNamedIn,
} from '../access/redactSpecs';
import { ScopeResolver } from '../scope/ScopeResolver';
import { NameMappingPolicy } from '../mapping/nameMapping';
import {
  MeshAppliedIstioObject,
  MeshEntityWorkloadsResponse,
  MeshSourceError,
  MeshWorkloadDetails,
} from '@mesh-portal/plugin-mesh-common';
import { ClusterObjects } from '../kube/types';
import { Workload } from '../kube/workloads';
import { GATEWAY_API, groupOf } from '../kube/istioObjects';
import { waypointUseOf } from '../kube/waypoints';
import {
  appliedIstioConfig,
  servicesOf,
} from '../validation/appliedIstioConfig';
import { workloadRef } from '../mapping/entityMapping';
import { workloadKey } from '../mapping/mapEntity';
import { MeshSources } from '../sources/types';
import { readInventory } from './readInventory';
import { mapTarget, MeshTarget, visibleMapping } from '../scope/targetMapping';

const NAMESPACE_MESH_LABELS = [
  'istio-injection',
  'istio.io/rev',
  'istio.io/dataplane-mode',
  'istio.io/use-waypoint',
  'istio.io/use-waypoint-namespace',
];
const DEFAULT_ROOT_NAMESPACE = 'istio-system';

export class MeshWorkloadsService {
  constructor(
    private readonly options: {
      sources: MeshSources;
      nameMapping: NameMappingPolicy;
      scope?: ScopeResolver;
    },
  ) {}

  /** With `credentials`, workloads and names the caller may not see are withheld (../scope). */
  async getEntityWorkloads(
    target: MeshTarget,
    credentials?: BackstageCredentials,
  ): Promise<MeshEntityWorkloadsResponse> {
    const errors: MeshSourceError[] = [];
    const inventory = await readInventory(this.options.sources);
    errors.push(...inventory.errors);
    const mapping = mapTarget(
      target,
      inventory.workloads,
      this.options.nameMapping,
    );
    errors.push(...mapping.errors);
    // Istio config of each mapped workload, found once: its specs name the other workloads the
    // caller's scope must decide about (access/redactSpecs' workloadsNamedIn).
    const appliedTo = new Map(
      mapping.workloads.map(w => {
        const objects = inventory.byCluster.get(w.cluster)?.objects;
        const services = objects ? servicesOf(w, objects.services) : [];
        const root =
          objects?.meshConfig.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
        const applied = objects
          ? appliedIstioConfig(w, services, objects.istio, root)
          : [];
        return [w, { objects, services, applied }] as const;
      }),
    );
    const caller =
      credentials && this.options.scope
        ? await this.options.scope.scopeForWorkloads(
            credentials,
            inventory,
            [
              ...mapping.workloads.map(workloadKey),
              ...workloadsNamedIn(
                [...appliedTo.values()].flatMap(a =>
                  a.applied.map(x => x.object.spec ?? {}),
                ),
                inventory.workloads,
                inventory.services,
              ),
            ],
            errors,
          )
        : undefined;
    const redact = caller
      ? specRedactor(caller.visibility, inventory.workloads, inventory.services)
      : NO_SPEC_REDACTION;
    // A workload a hidden entity claims is not this entity's to show (fail closed).
    mapping.workloads = mapping.workloads.filter(
      w => !caller?.visibility.isHidden(workloadKey(w)),
    );

    const workloads: MeshWorkloadDetails[] = [];
    const applied = new Map<string, MeshAppliedIstioObject>();
    const sorted = sortByKey(mapping.workloads);
    for (const w of sorted) {
      const { objects, services, applied: appliedToW } = appliedTo.get(w)!;
      if (!objects) continue;
      workloads.push(
        details(
          w,
          objects,
          services,
          mapping.fallbackClusters.includes(w.cluster),
          namespace =>
            inventory.workloads.filter(
              x => x.cluster === w.cluster && x.namespace === namespace,
            ),
        ),
      );
      for (const { object, reasons } of appliedToW) {
        const namespace = object.metadata.namespace ?? 'default';
        const key = `${w.cluster}/${groupOf(object)}/${
          object.kind
        }/${namespace}/${object.metadata.name}`;
        const entry: MeshAppliedIstioObject = applied.get(key) ?? {
          cluster: w.cluster,
          apiVersion: object.apiVersion,
          kind: object.kind,
          namespace,
          name: object.metadata.name,
          reasons: [],
          workloads: [],
          spec: redact(object.spec ?? {}, namespace),
        };
        entry.reasons = [...new Set([...entry.reasons, ...reasons])];
        entry.workloads.push(workloadKey(w));
        applied.set(key, entry);
      }
    }
    const wireMapping = visibleMapping(mapping.mapping, sorted);
    return {
      mapping: wireMapping,
      workloads,
      istioObjects: [...applied.keys()].sort().map(k => applied.get(k)!),
      clusters: inventory.clusters.map(c => ({ name: c.name, kind: c.kind })),
      errors,
    };
  }
}

function details(
  w: Workload,
  objects: ClusterObjects,
  services: ClusterObjects['services'],
  byFallback: boolean,
  workloadsIn: (namespace: string) => Workload[],
): MeshWorkloadDetails {
  const nsLabels =
    objects.namespaces.find(n => n.metadata.name === w.namespace)?.metadata
      .labels ?? {};
  const waypoint = waypointUseOf(
    w,
    services,
    nsLabels,
    workloadsIn,
    objects.istio.filter(
      o => o.kind === 'Gateway' && groupOf(o) === GATEWAY_API,
    ),
  );
  return {
    ...workloadRef(w),
    podLabels: w.podLabels,
    ...(w.serviceAccount ? { serviceAccount: w.serviceAccount } : {}),
    dataplane: w.dataplane,
    replicas: {
      desired: w.desired,
      current: w.current,
      available: w.available,
    },
    namespaceLabels: Object.fromEntries(
      Object.entries(nsLabels).filter(([k]) =>
        NAMESPACE_MESH_LABELS.includes(k),
      ),
    ),
    pods: w.pods.map(p => ({
      name: p.name,
      phase: p.phase,
      ready: p.ready,
      dataplane: p.dataplane,
    })),
    services: services.map(s => ({
      name: s.metadata.name,
      ports: (s.spec?.ports ?? []).map(p => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        ...(p.protocol ? { protocol: p.protocol } : {}),
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      })),
    })),
    matchedBy: byFallback ? 'canonicalService' : 'labelSelector',
    ...(waypoint ? { waypoint } : {}),
  };
}

function sortByKey(workloads: Workload[]): Workload[] {
  return [...workloads].sort((a, b) =>
    workloadKey(a).localeCompare(workloadKey(b)),
  );
}
