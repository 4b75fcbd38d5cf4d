/*
 * Kiali's mTLS status functions (docs/kiali-semantics.md §4.2–§4.5), restated: the combination of a
 * PeerAuthentication mode and a DestinationRule TLS mode, the mesh/namespace inheritance refinement,
 * and the workload-level reading used by the AuthorizationPolicy check KIA0105.
 *
 * These follow Kiali on purpose, including that `portLevelMtls` is ignored and that only DestinationRules
 * with hosts exactly `*.local` / `*.<ns>.<domain>` count; ./effectiveMode.ts is the Istio-exact resolver.
 */
import { matchesLabels } from '../kube/labelSelector';
import { IstioObject, Service } from '../kube/types';
import { filterByHost } from '../validation/hostNames';
import { namespaceOf } from '../kube/istioObjects';
import {
  destinationRuleModeFor,
  destinationRuleTlsMode,
  enablesMtls,
  MESH_WIDE_HOST,
  namespaceWideHost,
  peerAuthMode,
  policyWideMode,
} from './policyReadings';

export const MTLS_ENABLED = 'MTLS_ENABLED';
export const MTLS_PARTIALLY_ENABLED = 'MTLS_PARTIALLY_ENABLED';
export const MTLS_NOT_ENABLED = 'MTLS_NOT_ENABLED';
export const MTLS_DISABLED = 'MTLS_DISABLED';

/** A status with the readings it came from; `overall` is '' for "no status" (Kiali's zero value). */
export interface TlsReading {
  dr: string;
  pa: string;
  overall: string;
}

export interface StatusOptions {
  autoMtls: boolean;
  /** Count PERMISSIVE as enabled (Kiali's validations do; its TLS status endpoints do not). */
  allowPermissive: boolean;
}

const NO_READING: TlsReading = { dr: '', pa: '', overall: '' };

/** §4.2 `finalStatus(drMode, paMode)`. */
export function finalStatus(
  dr: string,
  pa: string,
  o: StatusOptions,
): TlsReading {
  const mtlsOk = enablesMtls(dr) || (dr === '' && o.autoMtls);
  const offOk = dr === 'DISABLE' || (dr === '' && o.autoMtls);
  let overall = MTLS_PARTIALLY_ENABLED;
  if ((pa === 'STRICT' || (pa === 'PERMISSIVE' && o.allowPermissive)) && mtlsOk)
    overall = MTLS_ENABLED;
  else if (pa === 'DISABLE' && offOk) overall = MTLS_DISABLED;
  else if (pa === '' && dr === '') overall = MTLS_NOT_ENABLED;
  return { dr, pa, overall };
}

const isDefined = (r: TlsReading) =>
  r.overall === MTLS_ENABLED || r.overall === MTLS_DISABLED;

/** §4.3 refinement (`OverallMtlsStatus`): a namespace reading, falling back on the mesh reading. */
export function overallStatus(
  ns: TlsReading,
  mesh: TlsReading,
  o: StatusOptions,
): string {
  if (isDefined(ns)) return ns.overall;
  if (ns.overall === MTLS_PARTIALLY_ENABLED) {
    // Partially configured namespace: fill its blanks from the mesh and decide again.
    const inherited = finalStatus(ns.dr || mesh.dr, ns.pa || mesh.pa, o);
    return overallStatus(NO_READING, inherited, o);
  }
  if (isDefined(mesh)) return mesh.overall;
  if (mesh.pa === '' && mesh.dr === '') return MTLS_NOT_ENABLED;
  if (
    (mesh.pa === 'DISABLE' && mesh.dr === '') ||
    (mesh.dr === 'DISABLE' && mesh.pa === '')
  )
    return MTLS_DISABLED;
  if (o.autoMtls) {
    const halfDefined =
      (mesh.pa === 'STRICT' && mesh.dr === '') ||
      (enablesMtls(mesh.dr) && mesh.pa === '') ||
      (o.allowPermissive && mesh.pa === 'PERMISSIVE' && mesh.dr === '');
    if (halfDefined) return MTLS_ENABLED;
  }
  return MTLS_PARTIALLY_ENABLED;
}

const firstNonEmpty = (values: string[]) => values.find(v => v !== '') ?? '';

/** Mesh-wide reading: root-namespace PeerAuthentications and `*.local` DestinationRules. */
export function meshReading(
  rootPeerAuthentications: IstioObject[],
  destinationRules: IstioObject[],
  o: StatusOptions,
): TlsReading {
  const dr = firstNonEmpty(
    destinationRules.map(d => destinationRuleModeFor(d, MESH_WIDE_HOST)),
  );
  const pa = firstNonEmpty(rootPeerAuthentications.map(policyWideMode));
  return {
    dr,
    pa,
    overall: overallStatus(NO_READING, finalStatus(dr, pa, o), o),
  };
}

/** Namespace reading: the namespace's PeerAuthentications and `*.<ns>.<domain>` DestinationRules (no inheritance). */
export function namespaceReading(
  namespace: string,
  peerAuthentications: IstioObject[],
  destinationRules: IstioObject[],
  identityDomain: string,
  o: StatusOptions,
): TlsReading {
  const host = namespaceWideHost(namespace, identityDomain);
  const dr = firstNonEmpty(
    destinationRules.map(d => destinationRuleModeFor(d, host)),
  );
  const pa = firstNonEmpty(peerAuthentications.map(policyWideMode));
  return finalStatus(dr, pa, o);
}

/**
 * §4.5 workload status for a label set: the first namespace PeerAuthentication whose `matchLabels`
 * select those labels decides; PERMISSIVE looks for a DestinationRule on a Service selected by the
 * same labels. MTLS_NOT_ENABLED means "no workload-level answer".
 */
export function workloadReading(
  labels: Record<string, string>,
  namespace: string,
  peerAuthentications: IstioObject[],
  destinationRules: IstioObject[],
  services: Service[],
  identityDomain: string,
): string {
  for (const pa of peerAuthentications) {
    const selector: Record<string, string> =
      pa.spec?.selector?.matchLabels ?? {};
    // PAs with only matchExpressions (or none) cannot be compared with Service selectors.
    if (Object.keys(selector).length === 0 || !matchesLabels(selector, labels))
      continue;
    const mode = peerAuthMode(pa);
    if (mode === 'STRICT') return MTLS_ENABLED;
    if (mode === 'DISABLE') return MTLS_DISABLED;
    if (mode !== 'PERMISSIVE') continue;
    if (destinationRules.length === 0) return MTLS_NOT_ENABLED;
    for (const svc of services) {
      const svcSelector = svc.spec?.selector ?? {};
      if (
        namespaceOf(svc) !== namespace ||
        Object.keys(svcSelector).length === 0
      )
        continue;
      if (!matchesLabels(selector, svcSelector)) continue;
      for (const dr of destinationRules) {
        if (
          !filterByHost(
            dr.spec?.host ?? '',
            namespaceOf(dr),
            svc.metadata.name,
            namespace,
            identityDomain,
          )
        )
          continue;
        const drMode = destinationRuleTlsMode(dr);
        if (enablesMtls(drMode)) return MTLS_ENABLED;
        if (drMode === 'DISABLE') return MTLS_DISABLED;
      }
    }
    return MTLS_NOT_ENABLED;
  }
  return MTLS_NOT_ENABLED;
}

export interface MtlsInputs {
  namespace: string;
  /** PeerAuthentications of the namespace (all of them, in listing order). */
  namespacePeerAuthentications: IstioObject[];
  rootPeerAuthentications: IstioObject[];
  /** DestinationRules visible from the namespace. */
  destinationRules: IstioObject[];
  services: Service[];
  identityDomain: string;
  autoMtls: boolean;
}

/**
 * Whether traffic to workloads with these labels is mTLS as Kiali's KIA0105 decides it: the workload
 * reading, else the namespace reading refined by the mesh one (PERMISSIVE counts), and with auto-mTLS
 * "nothing configured" counts as enabled.
 */
export function kialiReceivesMtls(
  labels: Record<string, string>,
  inputs: MtlsInputs,
): string {
  const workload = workloadReading(
    labels,
    inputs.namespace,
    inputs.namespacePeerAuthentications,
    inputs.destinationRules,
    inputs.services,
    inputs.identityDomain,
  );
  if (workload === MTLS_ENABLED || workload === MTLS_DISABLED) return workload;
  const o = { autoMtls: inputs.autoMtls, allowPermissive: true };
  const ns = namespaceReading(
    inputs.namespace,
    inputs.namespacePeerAuthentications,
    inputs.destinationRules,
    inputs.identityDomain,
    o,
  );
  const mesh = meshReading(
    inputs.rootPeerAuthentications,
    inputs.destinationRules,
    o,
  );
  const status = overallStatus(ns, mesh, o);
  return status === MTLS_NOT_ENABLED && inputs.autoMtls ? MTLS_ENABLED : status;
}
