/*
 * Ambient-mode readings shared by the workload and policy checkers: labels that enrol a workload or
 * namespace in ambient mode, sidecar injection, waypoint enrolment and which AuthorizationPolicies
 * need a waypoint (L7 fields).
 */
import { Namespace } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import { IstioObject } from '../../kube/types';
import { matchLabelsOf, namespaceOf } from '../../kube/istioObjects';
import { ValidationContext } from '../context';
import { selectedWorkloads } from './common';
import {
  isWaypointLabels,
  USE_WAYPOINT,
  USE_WAYPOINT_NAMESPACE,
  waypointExists as waypointFound,
} from '../../kube/waypoints';

export const DATAPLANE_MODE = 'istio.io/dataplane-mode';
export { isWaypointLabels, USE_WAYPOINT, USE_WAYPOINT_NAMESPACE };

const nsLabels = (ns: Namespace | undefined) => ns?.metadata.labels ?? {};

/** The workload is enrolled in ambient: by its own label, or by its namespace unless it opts out. */
export function hasAmbientLabel(
  w: Workload,
  ns: Namespace | undefined,
): boolean {
  const own = w.podLabels[DATAPLANE_MODE];
  return (
    own === 'ambient' ||
    (nsLabels(ns)[DATAPLANE_MODE] === 'ambient' && own !== 'none')
  );
}

/**
 * Sidecar injection is requested for the workload. Kiali reads the pod label values `enabled`/`none`;
 * Istio's documented values are `true`/`false`, and we accept both.
 */
export function hasSidecarLabel(
  w: Workload,
  ns: Namespace | undefined,
): boolean {
  const labels = nsLabels(ns);
  const own = w.podLabels['sidecar.istio.io/inject'];
  const enabled =
    labels['istio-injection'] === 'enabled' ||
    !!labels['istio.io/rev'] ||
    own === 'enabled' ||
    own === 'true';
  const disabled =
    labels['istio-injection'] === 'disabled' ||
    own === 'none' ||
    own === 'false';
  return enabled && !disabled;
}

/** `istio.io/use-waypoint` on the resource wins over the namespace's, `none` opting out. */
export function enrolledForWaypoint(
  labels: Record<string, string> | undefined,
  namespaceLabels: Record<string, string>,
): boolean {
  const value =
    labels && USE_WAYPOINT in labels
      ? labels[USE_WAYPOINT]
      : namespaceLabels[USE_WAYPOINT];
  return !!value && value !== 'none';
}

/** The waypoint a workload is enrolled to use exists: a waypoint workload or an `istio-waypoint` Gateway. */
export function waypointExists(ctx: ValidationContext, w: Workload): boolean {
  const labels = nsLabels(ctx.namespaces.get(w.namespace));
  const name = w.podLabels[USE_WAYPOINT] ?? labels[USE_WAYPOINT];
  const namespace =
    w.podLabels[USE_WAYPOINT_NAMESPACE] ??
    labels[USE_WAYPOINT_NAMESPACE] ??
    w.namespace;
  if (!name || name === 'none') return false;
  return waypointFound(
    { name, namespace },
    ctx.workloadsIn(namespace),
    ctx.k8sGateways,
  );
}

const L7_CONDITIONS = [
  'request.headers',
  'request.auth.claims',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
];

/** An AuthorizationPolicy that only a waypoint (L7) can enforce in ambient mode. */
export function isL7AuthorizationPolicy(ap: IstioObject): boolean {
  return ((ap.spec?.rules ?? []) as any[]).some(rule => {
    if (
      ((rule?.when ?? []) as any[]).some(c =>
        L7_CONDITIONS.some(p => String(c?.key ?? '').startsWith(p)),
      )
    )
      return true;
    const op = (to: any) => to?.operation ?? {};
    const l7To = ((rule?.to ?? []) as any[]).some(to =>
      ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'].some(
        f => (op(to)[f] ?? []).length > 0,
      ),
    );
    const jwt = ((rule?.from ?? []) as any[]).some(
      from =>
        (from?.source?.requestPrincipals ?? []).length > 0 ||
        (from?.source?.notRequestPrincipals ?? []).length > 0,
    );
    return l7To || jwt;
  });
}

/** `targetRef` and `targetRefs` of a policy. */
export function targetRefsOf(
  policy: IstioObject,
): Array<{ kind?: string; group?: string; name?: string }> {
  return [
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
    ...((policy.spec?.targetRefs ?? []) as any[]),
  ].filter(Boolean);
}

export const isServiceRef = (ref: { kind?: string; group?: string }) =>
  ref.kind === 'Service' && (!ref.group || ref.group === 'core');

/**
 * Kiali's enrollmentNeedsWarning for a policy attached by targetRefs or selector: are the Services
 * or workloads it targets (else its namespace) not enrolled to use a waypoint?
 */
export function enrolmentMissing(
  ctx: ValidationContext,
  ap: IstioObject,
): boolean {
  const ns = namespaceOf(ap);
  const namespaceLabels = nsLabels(ctx.namespaces.get(ns));
  const namespaceUnenrolled = !enrolledForWaypoint(undefined, namespaceLabels);
  // Service targetRefs decide when at least one resolves to a Service.
  const services = targetRefsOf(ap)
    .filter(isServiceRef)
    .map(ref =>
      ctx.services.find(
        s => namespaceOf(s) === ns && s.metadata.name === ref.name,
      ),
    )
    .filter(s => !!s);
  if (services.length > 0)
    return services.some(
      s => !enrolledForWaypoint(s!.metadata.labels ?? {}, namespaceLabels),
    );
  const selector = matchLabelsOf(ap);
  if (Object.keys(selector).length === 0) return namespaceUnenrolled;
  const matched = selectedWorkloads(ctx, ns, selector).filter(
    w => !isWaypointLabels(w.podLabels),
  );
  const ambient = matched.filter(w => w.podLabels[DATAPLANE_MODE] !== 'none');
  if (ambient.length > 0)
    return ambient.some(
      w => !enrolledForWaypoint(w.podLabels, namespaceLabels),
    );
  // Only opted-out workloads matched: nothing to enrol.
  return matched.length > 0 ? false : namespaceUnenrolled;
}
