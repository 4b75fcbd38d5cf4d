/*
 * Workload selectors (Kiali's SelectorNoWorkloadFoundChecker and GenericMultiMatchChecker):
 * KIA0004 a selector matching no workload of the namespace (AuthorizationPolicy, PeerAuthentication,
 * RequestAuthentication, Sidecar), KIA0002 two selector-less PeerAuthentications or Sidecars in one
 * namespace, KIA0003 two of them selecting the same workload. RequestAuthentications may overlap
 * (Istio merges them), as in Kiali.
 *
 * Kiali matches selectors against workloads of every namespace for KIA0003; Istio applies a selector
 * only in its own namespace, and so do we.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';
import { selectedWorkloads } from './common';

interface SelectorKind {
  objects: (ctx: ValidationContext) => IstioObject[];
  labels: (o: IstioObject) => Record<string, string>;
  path: string;
  multiMatch: boolean;
}

const matchLabelsKind = (
  objects: SelectorKind['objects'],
  multiMatch: boolean,
): SelectorKind => ({
  objects,
  labels: o => o.spec?.selector?.matchLabels ?? {},
  path: 'spec/selector',
  multiMatch,
});

const KINDS: SelectorKind[] = [
  matchLabelsKind(ctx => ctx.authorizationPolicies, false),
  matchLabelsKind(ctx => ctx.peerAuthentications, true),
  matchLabelsKind(ctx => ctx.requestAuthentications, false),
  {
    objects: ctx => ctx.sidecars,
    labels: o => o.spec?.workloadSelector?.labels ?? {},
    path: 'spec/workloadSelector',
    multiMatch: true,
  },
];

function noWorkloadFindings(
  ctx: ValidationContext,
  kind: SelectorKind,
): Finding[] {
  return kind.objects(ctx).flatMap(o => {
    const labels = kind.labels(o);
    if (
      Object.keys(labels).length === 0 ||
      selectedWorkloads(ctx, namespaceOf(o), labels).length > 0
    )
      return [];
    const path =
      kind.path === 'spec/selector'
        ? 'spec/selector/matchLabels'
        : 'spec/workloadSelector/labels';
    return [finding('KIA0004', ctx.ref(o), path)];
  });
}

function multiMatchFindings(
  ctx: ValidationContext,
  kind: SelectorKind,
): Finding[] {
  const byNamespace = new Map<string, IstioObject[]>();
  for (const o of kind.objects(ctx))
    byNamespace.set(namespaceOf(o), [
      ...(byNamespace.get(namespaceOf(o)) ?? []),
      o,
    ]);
  const out: Finding[] = [];
  for (const [ns, objects] of byNamespace) {
    const wide = objects.filter(o => Object.keys(kind.labels(o)).length === 0);
    if (wide.length > 1)
      wide.forEach(o => out.push(finding('KIA0002', ctx.ref(o), kind.path)));
    const clashing = new Set<IstioObject>();
    for (const w of ctx.workloadsIn(ns)) {
      const selecting = objects.filter(o => {
        const labels = kind.labels(o);
        return (
          Object.keys(labels).length > 0 &&
          selectedWorkloads(ctx, ns, labels).includes(w)
        );
      });
      if (selecting.length > 1) selecting.forEach(o => clashing.add(o));
    }
    clashing.forEach(o => out.push(finding('KIA0003', ctx.ref(o), kind.path)));
  }
  return out;
}

export const selectorsChecker: Checker = {
  name: 'SelectorNoWorkloadFoundChecker, GenericMultiMatchChecker',
  codes: ['KIA0002', 'KIA0003', 'KIA0004'],
  check(ctx) {
    return KINDS.flatMap(kind => [
      ...noWorkloadFindings(ctx, kind),
      ...(kind.multiMatch ? multiMatchFindings(ctx, kind) : []),
    ]);
  },
};
