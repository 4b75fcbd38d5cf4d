/*
 * Whether a demo request travels over mutual TLS, from the PeerAuthentications and DestinationRules
 * in the demo's config and the dataplane of both ends (auto-mTLS on, as Istio's default).
 */
import { matchesLabels } from '../../../kube/labelSelector';
import { ClusterObjects, IstioObject } from '../../../kube/types';
import { Workload } from '../../../kube/workloads';

export type PeerAuthMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** Effective PeerAuthentication mode for a workload: workload > namespace > root namespace > PERMISSIVE. */
export function effectivePeerAuthMode(
  objects: ClusterObjects,
  workload: Workload,
): PeerAuthMode {
  const pas = objects.istio.filter(
    (o: IstioObject) => o.kind === 'PeerAuthentication',
  );
  const root = objects.meshConfig.rootNamespace ?? 'istio-system';
  const mode = (pa?: IstioObject) => {
    const m = pa?.spec?.mtls?.mode;
    return m && m !== 'UNSET' ? (m as PeerAuthMode) : undefined;
  };
  const inNs = pas.filter(p => p.metadata.namespace === workload.namespace);
  const workloadPa = inNs.find(
    p =>
      p.spec?.selector?.matchLabels &&
      matchesLabels(p.spec.selector.matchLabels, workload.podLabels),
  );
  const namespacePa = inNs.find(p => !p.spec?.selector);
  const rootPa = pas.find(
    p => p.metadata.namespace === root && !p.spec?.selector,
  );
  return mode(workloadPa) ?? mode(namespacePa) ?? mode(rootPa) ?? 'PERMISSIVE';
}

export type FlowSecurity = 'mutual_tls' | 'none' | 'rejected';

/**
 * mTLS is used when both ends have a proxy (sidecar, gateway or ztunnel) and no DestinationRule
 * disables it; a plain-text request to a STRICT workload is rejected.
 */
export function flowSecurity(
  objects: ClusterObjects,
  source: Workload,
  destination: Workload,
  tlsMode: string | undefined,
): FlowSecurity {
  const inMesh = (w: Workload) => w.dataplane !== 'none';
  const mtls = inMesh(source) && inMesh(destination) && tlsMode !== 'DISABLE';
  if (mtls) return 'mutual_tls';
  return effectivePeerAuthMode(objects, destination) === 'STRICT'
    ? 'rejected'
    : 'none';
}
