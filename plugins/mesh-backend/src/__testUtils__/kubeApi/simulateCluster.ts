/*
 * What a real cluster adds to applied manifests, for the Kubernetes API test double: the
 * ReplicaSets and Pods the controllers create (owner references, pod-template-hash, Ready status)
 * and the istio-proxy sidecar Istio's injection webhook adds in namespaces labelled for injection.
 * Ambient namespaces (`istio.io/dataplane-mode=ambient`) get no sidecar, as in Istio.
 */
import { createHash } from 'crypto';

export interface NamespaceSpec {
  name: string;
  labels?: Record<string, string>;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'GatewayClass',
  'ClusterRole',
  'ClusterRoleBinding',
]);

/** Namespace object + manifests placed in it + the objects controllers and the injector would create. */
export function simulateNamespace(ns: NamespaceSpec, manifests: any[]): any[] {
  const namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns.name, labels: ns.labels ?? {} },
  };
  const placed = manifests
    .filter(m => m?.kind && m.kind !== 'Namespace')
    .map(m =>
      CLUSTER_SCOPED.has(m.kind)
        ? m
        : { ...m, metadata: { ...m.metadata, namespace: ns.name } },
    );
  const created = placed.flatMap(m => controllerObjects(m, ns));
  return [namespace, ...placed.map(m => withStatus(m)), ...created];
}

function injects(ns: NamespaceSpec, template: any): boolean {
  const labels = ns.labels ?? {};
  const enabled =
    labels['istio-injection'] === 'enabled' ||
    ('istio.io/rev' in labels && labels['istio-injection'] !== 'disabled');
  const podOptOut =
    template?.metadata?.labels?.['sidecar.istio.io/inject'] === 'false' ||
    template?.metadata?.annotations?.['sidecar.istio.io/inject'] === 'false';
  return enabled && !podOptOut;
}

function controllerObjects(obj: any, ns: NamespaceSpec): any[] {
  if (obj.kind !== 'Deployment' && obj.kind !== 'StatefulSet') return [];
  const template = obj.spec?.template ?? {};
  const replicas = obj.spec?.replicas ?? 1;
  const owner = (kind: string, name: string) => [
    {
      apiVersion: 'apps/v1',
      kind,
      name,
      uid: `uid-${kind}-${name}`,
      controller: true,
    },
  ];
  if (obj.kind === 'StatefulSet') {
    return Array.from({ length: replicas }, (_, i) =>
      pod(
        `${obj.metadata.name}-${i}`,
        template,
        ns,
        owner('StatefulSet', obj.metadata.name),
        {},
      ),
    );
  }
  const hash = createHash('sha1')
    .update(JSON.stringify(template))
    .digest('hex')
    .slice(0, 10);
  const rsName = `${obj.metadata.name}-${hash}`;
  const replicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: ns.name,
      labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
      ownerReferences: owner('Deployment', obj.metadata.name),
    },
    spec: { replicas, selector: obj.spec?.selector, template },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  };
  const pods = Array.from({ length: replicas }, (_, i) =>
    pod(
      `${rsName}-${suffix(obj.metadata.name, i)}`,
      template,
      ns,
      owner('ReplicaSet', rsName),
      { 'pod-template-hash': hash },
    ),
  );
  return [replicaSet, ...pods];
}

function pod(
  name: string,
  template: any,
  ns: NamespaceSpec,
  ownerReferences: unknown[],
  extraLabels: Record<string, string>,
) {
  const sidecar = injects(ns, template);
  const spec = template.spec ?? { containers: [] };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns.name,
      labels: {
        ...template.metadata?.labels,
        ...extraLabels,
        ...(sidecar ? { 'security.istio.io/tlsMode': 'istio' } : {}),
      },
      annotations: {
        ...template.metadata?.annotations,
        ...(sidecar
          ? {
              'sidecar.istio.io/status':
                '{"initContainers":["istio-init"],"containers":["istio-proxy"]}',
            }
          : {}),
      },
      ownerReferences,
    },
    spec: {
      ...spec,
      containers: [
        ...(spec.containers ?? []),
        ...(sidecar
          ? [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.0' }]
          : []),
      ],
      initContainers: [
        ...(spec.initContainers ?? []),
        ...(sidecar
          ? [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.24.0' }]
          : []),
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.244.0.1',
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function withStatus(obj: any): any {
  if (obj.kind !== 'Deployment' && obj.kind !== 'StatefulSet') return obj;
  const replicas = obj.spec?.replicas ?? 1;
  return {
    ...obj,
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  };
}

function suffix(name: string, i: number): string {
  return createHash('sha1').update(`${name}/${i}`).digest('hex').slice(0, 5);
}
