/*
 * Sidecar resources (Kiali's EgressHostChecker, GlobalChecker and OutboundTrafficPolicyModeChecker):
 * KIA1004 an egress host `namespace/host` with no Service or ServiceEntry behind it, KIA1006 a
 * workload selector on the global default Sidecar (root namespace), KIA1007 an
 * `outboundTrafficPolicy` without a mode.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import {
  hostString,
  isWildcardHost,
  parseHost,
  serviceEntryHostCovers,
} from '../hostNames';
import { Checker, Finding } from '../types';

function egressFindings(
  ctx: ValidationContext,
  sidecar: IstioObject,
): Finding[] {
  const ns = namespaceOf(sidecar);
  const entryHosts = ctx.serviceEntryHosts();
  return ((sidecar.spec?.egress ?? []) as any[]).flatMap((egress, e) =>
    ((egress?.hosts ?? []) as string[]).flatMap((raw, h) => {
      const [, dnsName] = raw.split('/', 2);
      // `*/*`, `./*`, `~/*` and `namespace/*` need nothing to exist.
      if (dnsName === undefined || dnsName === '*') return [];
      const host = parseHost(dnsName, ns, ctx.identityDomain);
      if (isWildcardHost(host) && host.namespace === ns) return [];
      const name = hostString(host);
      if (
        entryHosts.some(eh => serviceEntryHostCovers(eh, name)) ||
        ctx.isServiceHostVisible(name, ns)
      )
        return [];
      return [
        finding('KIA1004', ctx.ref(sidecar), `spec/egress[${e}]/hosts[${h}]`),
      ];
    }),
  );
}

/**
 * Kiali reads the mode through Istio's Go types, where an absent mode and REGISTRY_ONLY are both the
 * enum's zero, so it flags both (kiali/kiali#5882). We read the object as written: only an absent
 * mode is ambiguous, an explicit REGISTRY_ONLY is not (a deliberate difference).
 */
function ambiguousOutboundMode(sidecar: IstioObject): boolean {
  const policy = sidecar.spec?.outboundTrafficPolicy;
  return !!policy && !policy.mode;
}

export const sidecarChecker: Checker = {
  name: 'EgressHostChecker, GlobalChecker, OutboundTrafficPolicyModeChecker',
  codes: ['KIA1004', 'KIA1006', 'KIA1007'],
  check(ctx) {
    return ctx.sidecars.flatMap(sc => [
      ...egressFindings(ctx, sc),
      ...(ambiguousOutboundMode(sc)
        ? [finding('KIA1007', ctx.ref(sc), 'spec/outboundTrafficPolicy')]
        : []),
      ...(namespaceOf(sc) === ctx.rootNamespace &&
      Object.keys(sc.spec?.workloadSelector?.labels ?? {}).length > 0
        ? [finding('KIA1006', ctx.ref(sc), 'spec/workloadSelector')]
        : []),
    ]);
  },
};
