/*
 * Mesh- and namespace-wide DestinationRules against PeerAuthentications (Kiali's MeshWideMTLSChecker,
 * NamespaceWideMTLSChecker, DisabledMeshWideMTLSChecker, DisabledNamespaceWideMTLSChecker):
 * KIA0205/KIA0206 a `*.local` / `*.<ns>` rule enables mTLS but no PeerAuthentication does (only without
 * auto-mTLS), KIA0207/KIA0208 a rule disables mTLS while a namespace / mesh policy is STRICT.
 *
 * Kiali takes the namespace policies of the namespace being validated, so a DestinationRule exported to
 * other namespaces is also judged against theirs; we judge it against its own namespace's policies.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import {
  destinationRuleModeFor,
  MESH_WIDE_HOST,
  namespaceWideHost,
  policyWideMode,
} from '../../security/policyReadings';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';

const PATH = 'spec/trafficPolicy/tls/mode';
const enabled = (mode: string) => mode === 'STRICT' || mode === 'PERMISSIVE';

function checkRule(ctx: ValidationContext, dr: IstioObject): Finding[] {
  const ns = namespaceOf(dr);
  const nsPolicies = ctx.peerAuthentications
    .filter(p => namespaceOf(p) === ns)
    .map(policyWideMode);
  const meshPolicies = ctx.peerAuthentications
    .filter(p => namespaceOf(p) === ctx.rootNamespace)
    .map(policyWideMode);
  const nsMode = destinationRuleModeFor(
    dr,
    namespaceWideHost(ns, ctx.identityDomain),
  );
  const meshMode = destinationRuleModeFor(dr, MESH_WIDE_HOST);
  const out: Finding[] = [];

  if (nsMode === 'DISABLE') {
    // The first namespace policy that enables mTLS decides; a DISABLE one spares the mesh check.
    const deciding = nsPolicies.find(enabled);
    if (deciding === 'STRICT') out.push(finding('KIA0207', ctx.ref(dr), PATH));
    else if (
      !deciding &&
      !nsPolicies.includes('DISABLE') &&
      meshPolicies.includes('STRICT')
    ) {
      out.push(finding('KIA0208', ctx.ref(dr), PATH));
    }
  }
  if (meshMode === 'DISABLE' && meshPolicies.includes('STRICT'))
    out.push(finding('KIA0208', ctx.ref(dr), PATH));

  // Only ISTIO_MUTUAL counts as "enabling" here, as in Kiali; auto-mTLS makes the policies unnecessary.
  if (!ctx.autoMtls) {
    if (
      nsMode === 'ISTIO_MUTUAL' &&
      !nsPolicies.some(enabled) &&
      !meshPolicies.some(enabled)
    ) {
      out.push(finding('KIA0206', ctx.ref(dr), PATH));
    }
    if (meshMode === 'ISTIO_MUTUAL' && !meshPolicies.some(enabled))
      out.push(finding('KIA0205', ctx.ref(dr), PATH));
  }
  return out;
}

export const destinationRuleMtlsChecker: Checker = {
  name: 'MeshWideMTLSChecker, NamespaceWideMTLSChecker, DisabledMeshWideMTLSChecker, DisabledNamespaceWideMTLSChecker',
  codes: ['KIA0205', 'KIA0206', 'KIA0207', 'KIA0208'],
  check(ctx) {
    return ctx.destinationRules.flatMap(dr => checkRule(ctx, dr));
  },
};
