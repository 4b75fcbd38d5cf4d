/*
 * The security posture of a set of workloads: how many are in the mesh (sidecar, ambient, gateway),
 * how much of their traffic used mTLS, how their namespaces enforce it, which have no
 * AuthorizationPolicy (Kiali's KIA1301 rule, counted here even though the check is silenced by
 * default), and the open findings on the objects affecting them.
 */
import { MeshPosture, MeshTrafficMtls } from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { workloadRef } from '../mapping/entityMapping';
import { coveredByAuthorizationPolicy } from '../validation/checkers/workload';
import { configObjects, refKey, summarize } from '../validation/configObjects';
import { ValidationContext } from '../validation/context';
import { Finding } from '../validation/types';
import { namespaceSecurity } from './securityStatus';

export interface PostureScope {
  cluster: { ctx: ValidationContext; findings: Finding[] };
  workloads: Workload[];
}

export function computePosture(
  scopes: PostureScope[],
  traffic: MeshTrafficMtls,
): MeshPosture {
  const all = scopes.flatMap(s => s.workloads);
  const count = (dataplane: Workload['dataplane']) =>
    all.filter(w => w.dataplane === dataplane).length;
  const outOfMesh = count('none');
  const namespaces = scopes.flatMap(s =>
    [...new Set(s.workloads.map(w => w.namespace))]
      .sort()
      .map(ns => namespaceSecurity(s.cluster.ctx, ns, s.cluster.findings)),
  );
  const objects = new Map(
    scopes
      .flatMap(s => configObjects(s.cluster, s.workloads))
      .map(o => [refKey(o.ref), o]),
  );
  return {
    workloads: {
      total: all.length,
      sidecar: count('sidecar'),
      ambient: count('ambient'),
      gateway: count('gateway'),
      outOfMesh,
      ...(all.length > 0
        ? { inMeshShare: (all.length - outOfMesh) / all.length }
        : {}),
    },
    traffic,
    namespaces: {
      strict: namespaces.filter(n => n.effectiveMode === 'STRICT').length,
      permissive: namespaces.filter(n => n.effectiveMode === 'PERMISSIVE')
        .length,
      disabled: namespaces.filter(n => n.effectiveMode === 'DISABLE').length,
      list: namespaces,
    },
    workloadsWithoutAuthorizationPolicy: scopes.flatMap(s =>
      s.workloads
        .filter(w => !coveredByAuthorizationPolicy(s.cluster.ctx, w))
        .map(workloadRef),
    ),
    validations: summarize([...objects.values()]),
  };
}
