/*
 * KIA0204 (Kiali's TrafficPolicyChecker, business/checkers/destinationrules/traffic_policy_checker.go):
 * a DestinationRule for a host that a mesh-wide (`*.local`) or namespace-wide (`*.<ns>.svc.<domain>`)
 * ISTIO_MUTUAL rule covers, or that another rule for the same host sets to ISTIO_MUTUAL, but which
 * sets no TLS itself: Istio applies the most specific rule whole, so its missing TLS settings
 * override the wider rule's mTLS. Like Kiali, checked over the rules each namespace can see.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { destinationRuleTlsMode } from '../../security/policyReadings';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { parseHost } from '../hostNames';
import { Checker, Finding } from '../types';
import { perViewFindings } from './common';
import { isWideMtlsDefault } from './destinationRule';

function hasTlsSettings(dr: IstioObject): boolean {
  const tp = dr.spec?.trafficPolicy;
  return (
    !!tp?.tls || ((tp?.portLevelSettings ?? []) as any[]).some(p => !!p?.tls)
  );
}

/** Rules whose mTLS the subject `dr` would override (Kiali's sameHostDestinationRules). */
function mtlsRulesForSameHost(
  ctx: ValidationContext,
  dr: IstioObject,
  visible: IstioObject[],
): IstioObject[] {
  const ns = namespaceOf(dr);
  const host = parseHost(dr.spec?.host ?? '', ns, ctx.identityDomain);
  const wide = visible
    .filter(w => isWideMtlsDefault(ctx, w))
    .filter(w => {
      const wideHost = parseHost(w.spec?.host ?? '', ns, ctx.identityDomain);
      return (
        wideHost.service === '*.local' ||
        (wideHost.domain === host.domain &&
          wideHost.namespace === host.namespace)
      );
    });
  const exact = visible.filter(
    other =>
      other !== dr &&
      destinationRuleTlsMode(other) === 'ISTIO_MUTUAL' &&
      (other.spec?.host === `*.${host.namespace}.${host.domain}` ||
        (host.complete &&
          other.spec?.host ===
            `${host.service}.${host.namespace}.${host.domain}`)),
  );
  return [...wide, ...exact];
}

function overriddenMtls(
  ctx: ValidationContext,
  visible: IstioObject[],
): Finding[] {
  return visible
    .filter(dr => !hasTlsSettings(dr))
    .filter(dr => mtlsRulesForSameHost(ctx, dr, visible).length > 0)
    .map(dr => finding('KIA0204', ctx.ref(dr), 'spec/trafficPolicy'));
}

export const destinationRuleTlsChecker: Checker = {
  name: 'TrafficPolicyChecker',
  codes: ['KIA0204'],
  check(ctx) {
    return perViewFindings(ctx, ctx.destinationRules, visible =>
      overriddenMtls(ctx, visible),
    );
  },
};
