/* Generic readings of Kubernetes and Istio objects: API groups, kinds, references, selectors. */
import { MeshObjectRef } from '@mesh-portal/plugin-mesh-common';
import { IstioObject, KubeObject } from './types';

export const NETWORKING = 'networking.istio.io';
export const SECURITY = 'security.istio.io';
export const GATEWAY_API = 'gateway.networking.k8s.io';

/** API group of an object (`networking.istio.io/v1` → `networking.istio.io`; core `v1` → ''). */
export function groupOf(obj: Pick<KubeObject, 'apiVersion'>): string {
  const slash = obj.apiVersion.indexOf('/');
  return slash < 0 ? '' : obj.apiVersion.slice(0, slash);
}

export function isKind(obj: KubeObject, kind: string, group: string): boolean {
  return obj.kind === kind && groupOf(obj) === group;
}

export function objectRef(cluster: string, obj: KubeObject): MeshObjectRef {
  return {
    cluster,
    namespace: obj.metadata.namespace ?? '',
    kind: obj.kind,
    group: groupOf(obj),
    name: obj.metadata.name,
  };
}

export function namespaceOf(obj: KubeObject): string {
  return obj.metadata.namespace ?? '';
}

/** `spec.selector.matchLabels` (PeerAuthentication, AuthorizationPolicy, RequestAuthentication). */
export function matchLabelsOf(obj: IstioObject): Record<string, string> {
  return obj.spec?.selector?.matchLabels ?? {};
}

/** A selector that names at least one label: the object targets workloads, not a whole namespace. */
export function hasWorkloadSelector(obj: IstioObject): boolean {
  return Object.keys(matchLabelsOf(obj)).length > 0;
}
