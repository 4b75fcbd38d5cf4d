/*
 * L7 AuthorizationPolicies in ambient namespaces (Kiali's AmbientPolicyChecker, AuthorizationPolicy
 * part): KIA0110 the policy attaches by selector (waypoints only honour targetRefs), KIA0109 the
 * Services or workloads it targets are not enrolled to use a waypoint. Reported on the whole object.
 */
import { IstioObject } from '../../kube/types';
import { matchLabelsOf, namespaceOf } from '../../security/policyReadings';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';
import {
  DATAPLANE_MODE,
  enrolledForWaypoint,
  isL7AuthorizationPolicy,
  isServiceRef,
  isWaypointLabels,
  targetRefsOf,
} from './ambient';
import { selectedWorkloads } from './common';

function enrolmentMissing(ctx: ValidationContext, ap: IstioObject): boolean {
  const ns = namespaceOf(ap);
  const nsLabels = ctx.namespaces.get(ns)?.metadata.labels ?? {};
  const namespaceUnenrolled = !enrolledForWaypoint(undefined, nsLabels);
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
      s => !enrolledForWaypoint(s!.metadata.labels ?? {}, nsLabels),
    );
  const selector = matchLabelsOf(ap);
  if (Object.keys(selector).length === 0) return namespaceUnenrolled;
  const matched = selectedWorkloads(ctx, ns, selector).filter(
    w => !isWaypointLabels(w.podLabels),
  );
  const ambient = matched.filter(w => w.podLabels[DATAPLANE_MODE] !== 'none');
  if (ambient.length > 0)
    return ambient.some(w => !enrolledForWaypoint(w.podLabels, nsLabels));
  // Only opted-out workloads matched: nothing to enrol.
  return matched.length > 0 ? false : namespaceUnenrolled;
}

export const ambientPolicyChecker: Checker = {
  name: 'AmbientPolicyChecker (AuthorizationPolicy)',
  codes: ['KIA0109', 'KIA0110'],
  check(ctx) {
    return ctx.authorizationPolicies.flatMap(ap => {
      if (
        !ctx.isAmbientNamespace(namespaceOf(ap)) ||
        !isL7AuthorizationPolicy(ap)
      )
        return [];
      const out: Finding[] = [];
      if (targetRefsOf(ap).length === 0)
        out.push(finding('KIA0110', ctx.ref(ap), ''));
      if (enrolmentMissing(ctx, ap))
        out.push(finding('KIA0109', ctx.ref(ap), ''));
      return out;
    });
  },
};
