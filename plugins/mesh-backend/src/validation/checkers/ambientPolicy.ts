/*
 * L7 AuthorizationPolicies in ambient namespaces (Kiali's AmbientPolicyChecker, AuthorizationPolicy
 * part): KIA0110 the policy attaches by selector (waypoints only honour targetRefs), KIA0109 the
 * Services or workloads it targets are not enrolled to use a waypoint. Reported on the whole object.
 */
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { Checker, Finding } from '../types';
import {
  enrolmentMissing,
  isL7AuthorizationPolicy,
  targetRefsOf,
} from './ambient';

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
