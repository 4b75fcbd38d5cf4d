/* The objects affecting a set of workloads with the findings on each, and counts of those findings. */
import {
  MeshConfigObject,
  MeshObjectRef,
  MeshValidationSummary,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { affectingObjects } from './affectingObjects';
import { ValidationContext } from './context';
import { Finding } from './types';

export const refKey = (r: MeshObjectRef) =>
  `${r.cluster}|${r.group}|${r.kind}|${r.namespace}|${r.name}`;

export function summarize(
  objects: Array<Pick<MeshConfigObject, 'checks'>>,
): MeshValidationSummary {
  const checks = objects.flatMap(o => o.checks);
  return {
    objects: objects.length,
    invalidObjects: objects.filter(o =>
      o.checks.some(c => c.severity === 'error'),
    ).length,
    errors: checks.filter(c => c.severity === 'error').length,
    warnings: checks.filter(c => c.severity === 'warning').length,
    infos: checks.filter(c => c.severity === 'info').length,
  };
}

/** The objects affecting `workloads` of one validated cluster, with their findings. */
export function configObjects(
  cluster: { ctx: ValidationContext; findings: Finding[] },
  workloads: Workload[],
): MeshConfigObject[] {
  const byObject = new Map<string, Finding[]>();
  for (const f of cluster.findings)
    byObject.set(refKey(f.object), [
      ...(byObject.get(refKey(f.object)) ?? []),
      f,
    ]);
  return affectingObjects(cluster.ctx, workloads).map(a => {
    const checks = (byObject.get(refKey(a.ref)) ?? []).map(
      ({ code, severity, message, path }) => ({
        code,
        severity,
        message,
        path,
      }),
    );
    return {
      ref: a.ref,
      relations: a.relations,
      valid: !checks.some(c => c.severity === 'error'),
      checks,
      ...(a.object ? { spec: a.object.spec ?? {} } : {}),
    };
  });
}
