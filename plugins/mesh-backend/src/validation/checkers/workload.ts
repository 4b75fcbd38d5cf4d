/*
 * Workloads as validated objects (Kiali's UncoveredWorkloadChecker and AmbientWorkloadChecker):
 * KIA1301 no AuthorizationPolicy applies (ignored by default), and the ambient checks KIA1311 sidecar
 * and ambient labels together, KIA1312 waypoint label outside ambient, KIA1313 missing waypoint,
 * KIA1314 sidecar label with ambient redirection, KIA1315 sidecar container with ambient labels,
 * KIA1316 sidecar in an ambient namespace, KIA1317 L7 AuthorizationPolicy without a waypoint.
 * All are reported at path `workload`.
 */
import { matchesLabels } from '../../kube/labelSelector';
import { Workload } from '../../kube/workloads';
import { matchLabelsOf, namespaceOf } from '../../kube/istioObjects';
import { finding, ValidationCode } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';
import {
  DATAPLANE_MODE,
  hasAmbientLabel,
  hasSidecarLabel,
  isL7AuthorizationPolicy,
  isServiceRef,
  isWaypointLabels,
  targetRefsOf,
  USE_WAYPOINT,
  waypointExists,
} from './ambient';
import { serviceWorkloads } from './common';

/** Kiali's KIA1301 rule: a policy of the workload's namespace or of the root namespace, selecting it or selector-less. */
export function coveredByAuthorizationPolicy(
  ctx: ValidationContext,
  w: Workload,
): boolean {
  return ctx.authorizationPolicies.some(ap => {
    const ns = namespaceOf(ap);
    return (
      (ns === w.namespace || ns === ctx.rootNamespace) &&
      matchesLabels(matchLabelsOf(ap), w.podLabels)
    );
  });
}

function hasWaypointLabel(ctx: ValidationContext, w: Workload): boolean {
  if (w.podLabels[DATAPLANE_MODE] === 'none') return false;
  const value =
    USE_WAYPOINT in w.podLabels
      ? w.podLabels[USE_WAYPOINT]
      : ctx.namespaces.get(w.namespace)?.metadata.labels?.[USE_WAYPOINT];
  return !!value && value !== 'none';
}

function l7PolicyWithoutWaypoint(
  ctx: ValidationContext,
  w: Workload,
  isAmbient: boolean,
): boolean {
  if (
    w.dataplane === 'gateway' ||
    isWaypointLabels(w.podLabels) ||
    w.podLabels[DATAPLANE_MODE] === 'none'
  )
    return false;
  if (!isAmbient && !hasAmbientLabel(w, ctx.namespaces.get(w.namespace)))
    return false;
  if (waypointExists(ctx, w)) return false;
  return ctx.authorizationPolicies.some(ap => {
    if (namespaceOf(ap) !== w.namespace || !isL7AuthorizationPolicy(ap))
      return false;
    const refs = targetRefsOf(ap);
    if (refs.length > 0) {
      // Service targetRefs apply to the Service's workloads; Gateway targetRefs to the waypoint itself.
      return refs.filter(isServiceRef).some(ref => {
        const svc = ctx.services.find(
          s => namespaceOf(s) === w.namespace && s.metadata.name === ref.name,
        );
        return (
          !!svc &&
          serviceWorkloads(ctx, w.namespace, svc.spec?.selector).includes(w)
        );
      });
    }
    return matchesLabels(matchLabelsOf(ap), w.podLabels);
  });
}

function workloadFindings(ctx: ValidationContext, w: Workload): Finding[] {
  const ns = ctx.namespaces.get(w.namespace);
  const pods = ctx.podsOf(w);
  const redirected = pods.some(
    p => p.metadata.annotations?.['ambient.istio.io/redirection'] === 'enabled',
  );
  const isAmbient = w.dataplane === 'ambient' || redirected;
  const hasPods = w.pods.length > 0;
  const ambientLabel = hasAmbientLabel(w, ns);
  const sidecarLabel = hasSidecarLabel(w, ns);
  const codes: ValidationCode[] = [];
  if (!coveredByAuthorizationPolicy(ctx, w)) codes.push('KIA1301');
  if (ambientLabel && sidecarLabel) codes.push('KIA1311');
  if (hasPods && hasWaypointLabel(ctx, w) && !isAmbient) codes.push('KIA1312');
  if (hasPods && hasWaypointLabel(ctx, w) && !waypointExists(ctx, w))
    codes.push('KIA1313');
  if (sidecarLabel && redirected) codes.push('KIA1314');
  if (ambientLabel && w.pods.some(p => p.dataplane === 'sidecar'))
    codes.push('KIA1315');
  if (
    hasPods &&
    w.dataplane === 'sidecar' &&
    ctx.isAmbientNamespace(w.namespace)
  )
    codes.push('KIA1316');
  if (l7PolicyWithoutWaypoint(ctx, w, isAmbient)) codes.push('KIA1317');
  return codes.map(code => finding(code, ctx.workloadRef(w), 'workload'));
}

export const workloadChecker: Checker = {
  name: 'UncoveredWorkloadChecker, AmbientWorkloadChecker',
  codes: [
    'KIA1301',
    'KIA1311',
    'KIA1312',
    'KIA1313',
    'KIA1314',
    'KIA1315',
    'KIA1316',
    'KIA1317',
  ],
  check(ctx) {
    return ctx.workloads.flatMap(w => workloadFindings(ctx, w));
  },
};
