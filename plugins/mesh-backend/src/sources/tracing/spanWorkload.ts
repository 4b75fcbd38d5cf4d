/*
 * Which workload emitted a span, the way Kiali tells it: Envoy's `node_id`
 * (`sidecar~10.244.0.20~reviews-v1-667b5cc65d-4m24g.bookinfo~bookinfo.svc.cluster.local`: the
 * third segment is `<pod>.<namespace>`), else a `hostname` tag (the pod name; Jaeger clients put
 * it in process tags). Pods are matched to workloads by name, or, for pods that no longer exist
 * (traces outlive rollouts), by stripping the ReplicaSet and pod hashes Kubernetes appends.
 */
import { MeshSpan } from '@mesh-portal/plugin-mesh-common';
import { TraceWorkload } from '../types';

export interface SpanPod {
  pod: string;
  /** Absent when only a hostname told the pod. */
  namespace?: string;
}

// Kubernetes' SafeEncodeString alphabet (no vowels, no 0/1/3), used by pod and ReplicaSet hashes.
const POD_SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const REPLICASET_HASH = /-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/;
const ORDINAL = /-[0-9]+$/;

export function spanPod(span: Pick<MeshSpan, 'tags'>): SpanPod | undefined {
  const nodeId = span.tags.node_id;
  if (typeof nodeId === 'string') {
    const [, , podDotNamespace, domain] = nodeId.split('~');
    const namespace = domain?.split('.')[0];
    if (
      podDotNamespace &&
      namespace &&
      podDotNamespace.endsWith(`.${namespace}`)
    ) {
      return {
        pod: podDotNamespace.slice(0, -namespace.length - 1),
        namespace,
      };
    }
  }
  const hostname =
    span.tags.hostname ?? span.tags['host.name'] ?? span.tags['k8s.pod.name'];
  return typeof hostname === 'string' && hostname
    ? { pod: hostname }
    : undefined;
}

/** Workload names a pod name can belong to: Deployment, ReplicaSet/DaemonSet/Job, StatefulSet. */
export function workloadNamesOfPod(pod: string): string[] {
  const names: string[] = [];
  if (POD_SUFFIX.test(pod)) {
    const owner = pod.replace(POD_SUFFIX, '');
    names.push(owner);
    if (REPLICASET_HASH.test(owner))
      names.push(owner.replace(REPLICASET_HASH, ''));
  }
  if (ORDINAL.test(pod)) names.push(pod.replace(ORDINAL, ''));
  return names;
}

export function spanFromWorkload(
  span: Pick<MeshSpan, 'tags'>,
  workload: TraceWorkload,
): boolean {
  const found = spanPod(span);
  if (!found || (found.namespace && found.namespace !== workload.namespace))
    return false;
  return (
    workload.pods.includes(found.pod) ||
    workloadNamesOfPod(found.pod).includes(workload.name)
  );
}

/** Whether any span comes from one of the workloads (true when no workload filter is asked for). */
export function hasWorkloadSpan(
  spans: Array<Pick<MeshSpan, 'tags'>>,
  workloads: TraceWorkload[] | undefined,
): boolean {
  return (
    !workloads || spans.some(s => workloads.some(w => spanFromWorkload(s, w)))
  );
}
