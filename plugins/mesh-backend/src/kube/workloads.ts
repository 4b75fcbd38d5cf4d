/*
 * Derives the mesh view of workloads from raw cluster objects: which controller owns which pods,
 * replica counts for health, and how each workload joins the mesh (sidecar, ambient, gateway, none).
 */
import { fromLabelSelector, matchesSelector } from './labelSelector';
import {
  ClusterObjects,
  Deployment,
  KubeObject,
  Namespace,
  Pod,
  PodTemplate,
} from './types';

export type Dataplane = 'sidecar' | 'ambient' | 'gateway' | 'none';

export interface PodInfo {
  name: string;
  ready: boolean;
  phase: string;
  dataplane: Dataplane;
}

export interface Workload {
  cluster: string;
  namespace: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';
  name: string;
  /** Labels of the controller object itself. */
  labels: Record<string, string>;
  /** Labels of its pods (template labels), which Istio and Services select on. */
  podLabels: Record<string, string>;
  serviceAccount?: string;
  desired: number;
  current: number;
  available: number;
  dataplane: Dataplane;
  pods: PodInfo[];
}

const AMBIENT_LABEL = 'istio.io/dataplane-mode';

export function isAmbientNamespace(ns: Namespace | undefined): boolean {
  return ns?.metadata.labels?.[AMBIENT_LABEL] === 'ambient';
}

function isGatewayLabels(labels: Record<string, string>): boolean {
  return (
    labels.istio === 'ingressgateway' ||
    labels.istio === 'egressgateway' ||
    'gateway.networking.k8s.io/gateway-name' in labels
  );
}

function dataplaneOf(
  labels: Record<string, string>,
  template: PodTemplate['spec'] | undefined,
  annotations: Record<string, string> | undefined,
  ns: Namespace | undefined,
): Dataplane {
  if (isGatewayLabels(labels)) return 'gateway';
  const containers = [
    ...(template?.containers ?? []),
    ...(template?.initContainers ?? []),
  ];
  if (containers.some(c => c.name === 'istio-proxy')) return 'sidecar';
  if (annotations?.['sidecar.istio.io/status']) return 'sidecar';
  const podMode = labels[AMBIENT_LABEL];
  if (podMode === 'ambient' || (podMode !== 'none' && isAmbientNamespace(ns)))
    return 'ambient';
  return 'none';
}

function podInfo(pod: Pod, ns: Namespace | undefined): PodInfo {
  const ready =
    pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false;
  return {
    name: pod.metadata.name,
    ready,
    phase: pod.status?.phase ?? 'Unknown',
    dataplane: dataplaneOf(
      pod.metadata.labels ?? {},
      pod.spec,
      pod.metadata.annotations,
      ns,
    ),
  };
}

/** Builds the workload list of one cluster. Pure; call it again when the objects change. */
export function deriveWorkloads(
  cluster: string,
  objects: ClusterObjects,
): Workload[] {
  const namespaces = new Map(objects.namespaces.map(n => [n.metadata.name, n]));
  const rsOwner = new Map<string, string>();
  for (const rs of objects.replicaSets) {
    const owner = rs.metadata.ownerReferences?.find(
      o => o.kind === 'Deployment',
    );
    if (owner)
      rsOwner.set(`${rs.metadata.namespace}/${rs.metadata.name}`, owner.name);
  }
  const podsByOwner = new Map<string, Pod[]>();
  const unowned: Pod[] = [];
  for (const pod of objects.pods) {
    const owner = ownerKey(pod, rsOwner);
    if (!owner) unowned.push(pod);
    else podsByOwner.set(owner, [...(podsByOwner.get(owner) ?? []), pod]);
  }

  const workloads: Workload[] = [];
  const controllers: Array<[Workload['kind'], Deployment[]]> = [
    ['Deployment', objects.deployments],
    ['StatefulSet', objects.statefulSets],
    ['DaemonSet', objects.daemonSets as unknown as Deployment[]],
  ];
  for (const [kind, list] of controllers) {
    for (const obj of list) {
      const namespace = obj.metadata.namespace ?? 'default';
      const ns = namespaces.get(namespace);
      const template = obj.spec?.template;
      const podLabels = template?.metadata?.labels ?? {};
      let pods = podsByOwner.get(`${kind}/${namespace}/${obj.metadata.name}`);
      if (!pods && obj.spec?.selector) {
        // No owner references (e.g. a trimmed dump): fall back to the controller's selector.
        const selector = fromLabelSelector(obj.spec.selector);
        pods = unowned.filter(
          p =>
            p.metadata.namespace === namespace &&
            matchesSelector(selector, p.metadata.labels),
        );
      }
      const counts = replicaCounts(kind, obj);
      workloads.push({
        cluster,
        namespace,
        kind,
        name: obj.metadata.name,
        labels: obj.metadata.labels ?? {},
        podLabels,
        serviceAccount: template?.spec?.serviceAccountName,
        ...counts,
        ...withPods(
          dataplaneOf(
            podLabels,
            template?.spec,
            template?.metadata?.annotations,
            ns,
          ),
          (pods ?? []).map(p => podInfo(p, ns)),
        ),
      });
    }
  }
  return workloads;
}

/**
 * In a live cluster the sidecar is injected into pods, not into the controller's template, so a
 * workload whose running pods carry istio-proxy is a sidecar workload even if its template is not.
 */
function withPods(
  templateDataplane: Dataplane,
  pods: PodInfo[],
): { dataplane: Dataplane; pods: PodInfo[] } {
  const injected =
    templateDataplane === 'none' && pods.some(p => p.dataplane === 'sidecar');
  return { dataplane: injected ? 'sidecar' : templateDataplane, pods };
}

function ownerKey(pod: Pod, rsOwner: Map<string, string>): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const ref = pod.metadata.ownerReferences?.find(o => o.controller !== false);
  if (!ref) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const deployment = rsOwner.get(`${ns}/${ref.name}`);
    return deployment ? `Deployment/${ns}/${deployment}` : undefined;
  }
  return `${ref.kind}/${ns}/${ref.name}`;
}

function replicaCounts(kind: Workload['kind'], obj: KubeObject<any, any>) {
  if (kind === 'DaemonSet') {
    return {
      desired: obj.status?.desiredNumberScheduled ?? 0,
      current: obj.status?.currentNumberScheduled ?? 0,
      available: obj.status?.numberAvailable ?? 0,
    };
  }
  return {
    desired: obj.spec?.replicas ?? 1,
    current: obj.status?.replicas ?? 0,
    available:
      kind === 'StatefulSet'
        ? obj.status?.readyReplicas ?? 0
        : obj.status?.availableReplicas ?? 0,
  };
}
