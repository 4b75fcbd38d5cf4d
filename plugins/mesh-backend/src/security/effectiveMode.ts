/*
 * The inbound mTLS mode Istio actually enforces for a workload, port by port, from PeerAuthentications
 * (Istio's ComposePeerAuthentication): the workload policy (oldest selector match) over the namespace
 * policy over the mesh policy (root namespace) over PERMISSIVE; UNSET inherits from the level above,
 * and `portLevelMtls` of a workload policy overrides single ports (UNSET ports inherit the workload's).
 *
 * This is where we are more precise than Kiali: Kiali's status ignores `portLevelMtls` and workload
 * policies for namespace and mesh verdicts (docs/kiali-semantics.md §4.1). Ports are container ports, as in
 * Istio; Istio applies them only when a Service exposes the port, which we do not check.
 */
import { MeshMtlsMode } from '@mesh-portal/plugin-mesh-common';
import { matchesLabels } from '../kube/labelSelector';
import { IstioObject } from '../kube/types';
import {
  hasWorkloadSelector,
  matchLabelsOf,
  namespaceOf,
} from '../kube/istioObjects';
import { oldestFirst, peerAuthMode } from './policyReadings';

export interface EffectiveMtls {
  mode: MeshMtlsMode;
  /** Port-level modes of the workload policy, UNSET ports resolved. */
  ports: Record<string, MeshMtlsMode>;
  /** Deciding policies, most specific first (workload, namespace, mesh). */
  policies: IstioObject[];
}

const MODES: readonly string[] = ['STRICT', 'PERMISSIVE', 'DISABLE'];
const setMode = (mode: string | undefined): MeshMtlsMode | undefined =>
  mode && MODES.includes(mode) ? (mode as MeshMtlsMode) : undefined;

/** The policies that apply at each level for a workload with `podLabels` in `namespace`. */
export function applicablePeerAuthentications(
  peerAuthentications: IstioObject[],
  rootNamespace: string,
  namespace: string,
  podLabels: Record<string, string> | undefined,
): { mesh?: IstioObject; namespace?: IstioObject; workload?: IstioObject } {
  const sorted = oldestFirst(peerAuthentications);
  const wide = (ns: string) =>
    sorted.find(pa => namespaceOf(pa) === ns && !hasWorkloadSelector(pa));
  return {
    mesh: wide(rootNamespace),
    namespace: namespace === rootNamespace ? undefined : wide(namespace),
    workload: podLabels
      ? sorted.find(
          pa =>
            namespaceOf(pa) === namespace &&
            hasWorkloadSelector(pa) &&
            matchesLabels(matchLabelsOf(pa), podLabels),
        )
      : undefined,
  };
}

/** Effective mode of a namespace's workloads that have no workload policy (pass no labels), or of one workload. */
export function resolveEffectiveMtls(
  peerAuthentications: IstioObject[],
  rootNamespace: string,
  namespace: string,
  podLabels?: Record<string, string>,
): EffectiveMtls {
  const level = applicablePeerAuthentications(
    peerAuthentications,
    rootNamespace,
    namespace,
    podLabels,
  );
  let mode: MeshMtlsMode = 'PERMISSIVE';
  const policies: IstioObject[] = [];
  for (const pa of [level.mesh, level.namespace, level.workload]) {
    if (!pa) continue;
    const m = setMode(peerAuthMode(pa));
    if (m) mode = m;
    policies.unshift(pa);
  }
  const ports: Record<string, MeshMtlsMode> = {};
  // Istio honours portLevelMtls only on policies with a workload selector.
  for (const [port, setting] of Object.entries<any>(
    level.workload?.spec?.portLevelMtls ?? {},
  )) {
    ports[String(port)] = setMode(setting?.mode) ?? mode;
  }
  return { mode, ports, policies };
}
