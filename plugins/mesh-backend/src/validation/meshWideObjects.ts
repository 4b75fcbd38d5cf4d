/*
 * Every Istio and Gateway API object of a validated cluster with its findings and the workloads it
 * affects — the reverse of ./affectingObjects, by the same rules (./appliedIstioConfig), so
 * the mesh-wide list and an entity's /config always agree on what affects what.
 */
import {
  MeshConfigRelation,
  MeshObjectRef,
  MeshValidationCheck,
} from '@mesh-portal/plugin-mesh-common';
import { appliedIstioConfig, servicesOf } from './appliedIstioConfig';
import { IstioObject } from '../kube/types';
import { Workload } from '../kube/workloads';
import { refKey } from './configObjects';
import { ValidationContext } from './context';
import { Finding } from './types';

export interface MeshWideObject {
  ref: MeshObjectRef;
  object: IstioObject;
  checks: MeshValidationCheck[];
  relations: MeshConfigRelation[];
  workloads: Workload[];
}

const byContext = new WeakMap<ValidationContext, MeshWideObject[]>();

/** Cached per validation context, which is rebuilt only when the cluster's objects change. */
export function meshWideObjects(cluster: {
  ctx: ValidationContext;
  findings: Finding[];
}): MeshWideObject[] {
  const cached = byContext.get(cluster.ctx);
  if (cached) return cached;
  const { ctx } = cluster;
  const checks = new Map<string, MeshValidationCheck[]>();
  for (const { code, severity, message, path, object } of cluster.findings) {
    const key = refKey(object);
    checks.set(key, [
      ...(checks.get(key) ?? []),
      { code, severity, message, path },
    ]);
  }
  const entries = new Map<IstioObject, MeshWideObject>();
  for (const object of ctx.objects.istio) {
    const ref = ctx.ref(object);
    entries.set(object, {
      ref,
      object,
      checks: checks.get(refKey(ref)) ?? [],
      relations: [],
      workloads: [],
    });
  }
  for (const w of ctx.workloads) {
    for (const { object, reasons } of appliedIstioConfig(
      w,
      servicesOf(w, ctx.services),
      ctx.objects.istio,
      ctx.rootNamespace,
    )) {
      const entry = entries.get(object);
      if (!entry) continue;
      entry.workloads.push(w);
      for (const r of reasons)
        if (!entry.relations.includes(r)) entry.relations.push(r);
    }
  }
  const result = [...entries.values()];
  byContext.set(ctx, result);
  return result;
}
