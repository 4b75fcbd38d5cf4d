/*
 * PeerAuthentications against mesh- and namespace-wide DestinationRules (Kiali's MeshMtlsChecker,
 * NamespaceMtlsChecker, DisabledMeshWideChecker, DisabledNamespaceWideChecker): KIA0401/KIA0501 STRICT
 * without a DestinationRule enabling mTLS (only without auto-mTLS), KIA0506/KIA0505 DISABLE while a
 * `*.local` / namespace-wide DestinationRule still enables it. DestinationRules are those the policy's
 * namespace sees.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import {
  destinationRuleModeFor,
  enablesMtls,
  MESH_WIDE_HOST,
  namespaceWideHost,
  policyWideMode,
} from '../../security/policyReadings';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';

const PATH = 'spec/mtls';

/** KIA0505: walks the rules in order like Kiali; a namespace-wide DISABLE rule settles it. */
function namespaceDisableUnmatched(
  drs: IstioObject[],
  nsHost: string,
): boolean {
  let meshEnables = false;
  for (const dr of drs) {
    const nsMode = destinationRuleModeFor(dr, nsHost);
    if (enablesMtls(nsMode)) return true;
    if (nsMode === 'DISABLE') return false;
    if (enablesMtls(destinationRuleModeFor(dr, MESH_WIDE_HOST)))
      meshEnables = true;
  }
  return meshEnables;
}

function checkPolicy(ctx: ValidationContext, pa: IstioObject): Finding[] {
  const ns = namespaceOf(pa);
  const mode = policyWideMode(pa);
  const drs = ctx.visibleDestinationRules(ns);
  const nsHost = namespaceWideHost(ns, ctx.identityDomain);
  const meshModes = drs.map(dr => destinationRuleModeFor(dr, MESH_WIDE_HOST));
  const isRoot = ns === ctx.rootNamespace;
  const out: Finding[] = [];
  if (mode === 'DISABLE') {
    if (isRoot && meshModes.some(enablesMtls))
      out.push(finding('KIA0506', ctx.ref(pa), PATH));
    if (!isRoot && namespaceDisableUnmatched(drs, nsHost))
      out.push(finding('KIA0505', ctx.ref(pa), PATH));
  }
  if (mode === 'STRICT' && !ctx.autoMtls) {
    // Here only ISTIO_MUTUAL counts as enabling, as in Kiali.
    const meshEnabled = meshModes.includes('ISTIO_MUTUAL');
    if (isRoot && !meshEnabled) out.push(finding('KIA0401', ctx.ref(pa), PATH));
    const nsEnabled = drs.some(
      dr => destinationRuleModeFor(dr, nsHost) === 'ISTIO_MUTUAL',
    );
    if (!isRoot && !nsEnabled && !meshEnabled)
      out.push(finding('KIA0501', ctx.ref(pa), PATH));
  }
  return out;
}

export const peerAuthenticationMtlsChecker: Checker = {
  name: 'MeshMtlsChecker, NamespaceMtlsChecker, DisabledMeshWideChecker, DisabledNamespaceWideChecker',
  codes: ['KIA0401', 'KIA0501', 'KIA0505', 'KIA0506'],
  check(ctx) {
    return ctx.peerAuthentications.flatMap(pa => checkPolicy(ctx, pa));
  },
};
