/* Helpers shared by several checkers: route destinations, per-namespace views, selector matching. */
import { matchesLabels } from '../../kube/labelSelector';
import { IstioObject } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import { namespaceOf } from '../../kube/istioObjects';
import { ValidationContext } from '../context';
import { Finding } from '../types';

export type RouteKind = 'http' | 'tcp' | 'tls';
export const ROUTE_KINDS: readonly RouteKind[] = ['http', 'tcp', 'tls'];

/** Calls `fn` for every route destination of a VirtualService with its path (`spec/http[0]/route[1]`). */
export function forEachDestination(
  vs: IstioObject,
  fn: (
    destination: { host?: string; subset?: string },
    routePath: string,
    kind: RouteKind,
    weight: number | undefined,
  ) => void,
): void {
  for (const kind of ROUTE_KINDS) {
    ((vs.spec?.[kind] ?? []) as any[]).forEach((route, i) =>
      ((route?.route ?? []) as any[]).forEach((d, j) => {
        if (d?.destination)
          fn(d.destination, `spec/${kind}[${i}]/route[${j}]`, kind, d.weight);
      }),
    );
  }
}

export const findingKey = (f: Finding) =>
  `${f.object.kind}|${f.object.namespace}|${f.object.name}|${f.code}|${f.path}|${f.severity}`;

/** Keeps the first of findings that agree on object, code, path and severity (Kiali's merge). */
export function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Kiali runs group checks (duplicates, conflicts) once per namespace over the objects that namespace
 * can see (`exportTo`), so two objects only conflict when some namespace sees both.
 */
export function perViewFindings(
  ctx: ValidationContext,
  objects: IstioObject[],
  check: (visible: IstioObject[], viewer: string) => Finding[],
): Finding[] {
  const viewers = new Set([...ctx.namespaceNames, ...objects.map(namespaceOf)]);
  return uniqueFindings(
    [...viewers].flatMap(viewer =>
      check(
        objects.filter(o => ctx.isVisibleFrom(o, viewer)),
        viewer,
      ),
    ),
  );
}

/** Workloads of `namespace` whose pod labels carry every label of `selector`. */
export function selectedWorkloads(
  ctx: ValidationContext,
  namespace: string,
  selector: Record<string, string>,
): Workload[] {
  return ctx
    .workloadsIn(namespace)
    .filter(w => matchesLabels(selector, w.podLabels));
}

/** Workloads of `namespace` selected by a Service selector; none for selector-less Services. */
export function serviceWorkloads(
  ctx: ValidationContext,
  namespace: string,
  selector: Record<string, string> | undefined,
): Workload[] {
  return selector && Object.keys(selector).length > 0
    ? selectedWorkloads(ctx, namespace, selector)
    : [];
}

/** The app label a workload is known by (Kiali's app label names). */
export function appOf(labels: Record<string, string>): string | undefined {
  return (
    labels.app ??
    labels['app.kubernetes.io/name'] ??
    labels['service.istio.io/canonical-name']
  );
}
