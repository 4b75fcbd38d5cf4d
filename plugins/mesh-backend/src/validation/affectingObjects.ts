/*
 * The objects that affect a set of workloads: the Istio config that applies to them (the rules of
 * ./appliedIstioConfig, shared with the workloads route), their Services, and the workloads
 * themselves, each with why it is there.
 */
import {
  MeshConfigRelation,
  MeshObjectRef,
} from '@mesh-portal/plugin-mesh-common';
import { appliedIstioConfig, servicesOf } from './appliedIstioConfig';
import { IstioObject, KubeObject } from '../kube/types';
import { Workload } from '../kube/workloads';
import { ValidationContext } from './context';

export interface AffectingObject {
  ref: MeshObjectRef;
  relations: MeshConfigRelation[];
  /** The Istio object, when it is one. */
  object?: IstioObject;
}

export function affectingObjects(
  ctx: ValidationContext,
  workloads: Workload[],
): AffectingObject[] {
  const result = new Map<KubeObject, AffectingObject>();
  const relate = (
    o: KubeObject,
    relations: MeshConfigRelation[],
    istio: boolean,
  ) => {
    const entry = result.get(o) ?? {
      ref: ctx.ref(o),
      relations: [],
      ...(istio ? { object: o as IstioObject } : {}),
    };
    for (const r of relations)
      if (!entry.relations.includes(r)) entry.relations.push(r);
    result.set(o, entry);
  };
  for (const w of workloads) {
    const services = servicesOf(w, ctx.services);
    for (const { object, reasons } of appliedIstioConfig(
      w,
      services,
      ctx.objects.istio,
      ctx.rootNamespace,
    ))
      relate(object, reasons, true);
    services.forEach(s => relate(s, ['service'], false));
  }
  return [
    ...result.values(),
    ...workloads.map(w => ({
      ref: ctx.workloadRef(w),
      relations: ['workload' as const],
    })),
  ];
}
