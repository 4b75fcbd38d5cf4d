/*
 * Runs every checker over one cluster's objects and drops what is silenced: codes ignored by
 * configuration and the object annotation `kiali.io/ignore-validations` (empty: all codes; otherwise a
 * comma-separated list of codes). Workloads are silenced by their controller's or pod template's
 * annotation, Services by their own.
 */
import { MeshObjectRef } from '@mesh-portal/plugin-mesh-common';
import { KubeObject } from '../kube/types';
import { uniqueFindings } from './checkers/common';
import { ValidationContext } from './context';
import { CHECKERS } from './registry';
import { Checker, Finding } from './types';

export const IGNORE_ANNOTATION = 'kiali.io/ignore-validations';

/** Codes an annotation silences: `all` for an empty value, a set of codes otherwise, none when absent. */
export function ignoredByAnnotation(
  annotations: Record<string, string> | undefined,
): 'all' | Set<string> | undefined {
  const value = annotations?.[IGNORE_ANNOTATION];
  if (value === undefined) return undefined;
  if (value.trim() === '') return 'all';
  return new Set(value.split(',').map(c => c.trim()));
}

const refKey = (
  r: Pick<MeshObjectRef, 'kind' | 'group' | 'namespace' | 'name'>,
) => `${r.group}|${r.kind}|${r.namespace}|${r.name}`;

function annotationsByObject(
  ctx: ValidationContext,
): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>();
  const add = (
    key: string,
    annotations: Record<string, string> | undefined,
  ) => {
    if (annotations && IGNORE_ANNOTATION in annotations)
      map.set(key, annotations);
  };
  [...ctx.objects.istio, ...ctx.services].forEach(o =>
    add(refKey(ctx.ref(o)), o.metadata.annotations),
  );
  // Workload findings are keyed like ValidationContext.workloadRef: the controller kind, no group.
  for (const c of [
    ...ctx.objects.deployments,
    ...ctx.objects.statefulSets,
    ...ctx.objects.daemonSets,
  ] as KubeObject<any>[]) {
    const key = refKey({
      group: '',
      kind: c.kind,
      namespace: c.metadata.namespace ?? '',
      name: c.metadata.name,
    });
    add(key, {
      ...c.spec?.template?.metadata?.annotations,
      ...c.metadata.annotations,
    });
  }
  return map;
}

export interface ValidationResult {
  findings: Finding[];
  /** Codes silenced for every object. */
  ignoredCodes: string[];
}

export function validateCluster(
  ctx: ValidationContext,
  ignoredCodes: readonly string[],
  checkers: readonly Checker[] = CHECKERS,
): ValidationResult {
  const annotations = annotationsByObject(ctx);
  const ignored = new Set(ignoredCodes);
  const findings = uniqueFindings(checkers.flatMap(c => c.check(ctx))).filter(
    f => {
      if (ignored.has(f.code)) return false;
      const rule = ignoredByAnnotation(annotations.get(refKey(f.object)));
      return !(rule === 'all' || rule?.has(f.code));
    },
  );
  findings.sort(
    (a, b) =>
      refKey(a.object).localeCompare(refKey(b.object)) ||
      a.path.localeCompare(b.path) ||
      a.code.localeCompare(b.code),
  );
  return { findings, ignoredCodes: [...ignored].sort() };
}
