/*
 * The subset of Kubernetes and Istio objects the mesh plugin reads. These are structural types of
 * the API's JSON, so objects from the live API (`@kubernetes/client-node`), from snapshot files and
 * from the embedded demo all fit them without conversion.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  resourceVersion?: string;
  ownerReferences?: Array<{
    kind: string;
    name: string;
    uid?: string;
    controller?: boolean;
  }>;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

export interface KubeObject<Spec = unknown, Status = unknown> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
}

export interface PodTemplate {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: PodSpec;
}

export interface PodSpec {
  serviceAccountName?: string;
  containers: Array<{
    name: string;
    image?: string;
    ports?: Array<{ containerPort: number; name?: string }>;
  }>;
  initContainers?: Array<{ name: string; image?: string }>;
}

export type Namespace = KubeObject;

export type Deployment = KubeObject<
  { replicas?: number; selector: LabelSelector; template: PodTemplate },
  { replicas?: number; availableReplicas?: number; readyReplicas?: number }
>;
export type StatefulSet = Deployment;
export type DaemonSet = KubeObject<
  { selector: LabelSelector; template: PodTemplate },
  {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberAvailable?: number;
  }
>;
export type ReplicaSet = Deployment;

export type Pod = KubeObject<
  PodSpec,
  {
    phase?: string;
    podIP?: string;
    conditions?: Array<{ type: string; status: string }>;
  }
>;

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}
export type Service = KubeObject<{
  selector?: Record<string, string>;
  ports?: ServicePort[];
  type?: string;
  clusterIP?: string;
}>;

export type ServiceAccount = KubeObject;

/** Istio and Gateway API objects keep an open spec: checkers read them field by field. */
export type IstioObject = KubeObject<Record<string, any>>;

/** Everything the plugin knows about one cluster at one moment. */
export interface ClusterObjects {
  namespaces: Namespace[];
  deployments: Deployment[];
  statefulSets: StatefulSet[];
  daemonSets: DaemonSet[];
  replicaSets: ReplicaSet[];
  pods: Pod[];
  services: Service[];
  serviceAccounts: ServiceAccount[];
  /** networking.istio.io, security.istio.io and gateway.networking.k8s.io objects, any version. */
  istio: IstioObject[];
  /** Gateway API GatewayClasses (cluster-scoped): which classes Istio implements (KIA1504). */
  gatewayClasses: KubeObject<{ controllerName?: string }>[];
  /** Istio mesh config (the `mesh` key of the istio ConfigMap), parsed. */
  meshConfig: MeshConfigSubset;
}

export interface MeshConfigSubset {
  /** Istio's `enableAutoMtls`, true by default. */
  enableAutoMtls?: boolean;
  /** Istio root namespace (`rootNamespace`), `istio-system` by default. */
  rootNamespace?: string;
  /** Trust domain for SPIFFE identities, `cluster.local` by default. */
  trustDomain?: string;
  /** Other trust domains accepted as this mesh's. */
  trustDomainAliases?: string[];
  /** `ALLOW_ANY` (Istio's default) or `REGISTRY_ONLY`: decides if unknown hosts are errors in validation. */
  outboundTrafficPolicy?: { mode?: string };
  /** Default `exportTo` of objects without their own. */
  defaultServiceExportTo?: string[];
  defaultVirtualServiceExportTo?: string[];
  defaultDestinationRuleExportTo?: string[];
}

export function emptyClusterObjects(): ClusterObjects {
  return {
    namespaces: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    replicaSets: [],
    pods: [],
    services: [],
    serviceAccounts: [],
    istio: [],
    gatewayClasses: [],
    meshConfig: {},
  };
}
