/*
 * Primitive readings of PeerAuthentications and DestinationRules, as Kiali takes them
 * (docs/kiali-semantics.md §4.1). Kiali reads Go enums, so an `mtls: {}` without a mode reads as UNSET and a
 * `tls: {}` without a mode as DISABLE (the enums' zero values); we reproduce that.
 */
import { IstioObject, KubeObject } from '../kube/types';

/** `spec.mtls.mode` as Kiali reads it: '' when `mtls` is absent, `UNSET` when it has no mode. */
export function peerAuthMode(pa: IstioObject): string {
  const mtls = pa.spec?.mtls;
  if (!mtls || typeof mtls !== 'object') return '';
  return typeof mtls.mode === 'string' && mtls.mode ? mtls.mode : 'UNSET';
}

/**
 * Kiali's `PeerAuthnHasMTLSEnabled`: a PeerAuthentication with any `selector` (even an empty one)
 * does not define namespace- or mesh-wide mTLS, so it reads as ''.
 */
export function policyWideMode(pa: IstioObject): string {
  return pa.spec?.selector ? '' : peerAuthMode(pa);
}

/** `trafficPolicy.tls.mode` of a DestinationRule: '' without `tls`, DISABLE when `tls` has no mode. */
export function destinationRuleTlsMode(dr: IstioObject): string {
  const tls = dr.spec?.trafficPolicy?.tls;
  if (!tls || typeof tls !== 'object') return '';
  return typeof tls.mode === 'string' && tls.mode ? tls.mode : 'DISABLE';
}

export const MESH_WIDE_HOST = '*.local';

export function namespaceWideHost(
  namespace: string,
  identityDomain: string,
): string {
  return `*.${namespace}.${identityDomain}`;
}

/** Kiali's `DestinationRuleHasMTLSEnabledForHost`: the TLS mode when the host is exactly `host`. */
export function destinationRuleModeFor(dr: IstioObject, host: string): string {
  return dr.spec?.host === host ? destinationRuleTlsMode(dr) : '';
}

export const enablesMtls = (drMode: string) =>
  drMode === 'ISTIO_MUTUAL' || drMode === 'MUTUAL';

/** Istio resolves conflicting policies of one scope by age: the oldest wins, then the name. */
export function oldestFirst<T extends KubeObject>(objects: T[]): T[] {
  return [...objects].sort(
    (a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(
        b.metadata.creationTimestamp ?? '',
      ) || a.metadata.name.localeCompare(b.metadata.name),
  );
}
