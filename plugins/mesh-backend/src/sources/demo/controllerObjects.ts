/* Kubernetes controller objects of the demo: a Deployment with its ReplicaSet and pods. */
import { Deployment, KubeObject, Pod } from '../../kube/types';

const CREATED = '2026-01-01T00:00:00Z';
// ReplicaSet hashes look like Kubernetes' (10 chars from its alphabet); fixed so pod names are stable.
const RS_HASH = '7d9f5c8b6d';
const POD_SUFFIXES = ['x2k4p', 'q8n7r', 'm5t9w', 'z3c6v'];

/** A Deployment with its ReplicaSet and pods, as the API would list them. */
export function controllerObjects(options: {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  serviceAccount: string;
  containers: Array<{
    name: string;
    image: string;
    ports: Array<{ containerPort: number }>;
  }>;
  replicas: number;
  available: number;
}): KubeObject[] {
  const { namespace, name, labels, replicas, available } = options;
  const template = {
    metadata: { labels },
    spec: {
      serviceAccountName: options.serviceAccount,
      containers: options.containers,
    },
  };
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: namespace,
      labels,
      creationTimestamp: CREATED,
      uid: `uid-${namespace}-${name}`,
    },
    spec: { replicas, selector: { matchLabels: labels }, template },
    status: {
      replicas,
      availableReplicas: available,
      readyReplicas: available,
    },
  };
  const rsName = `${name}-${RS_HASH}`;
  const replicaSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: namespace,
      labels,
      ownerReferences: [{ kind: 'Deployment', name, controller: true }],
    },
    spec: { replicas, selector: { matchLabels: labels }, template },
    status: { replicas, availableReplicas: available },
  };
  const pods: Pod[] = Array.from({ length: replicas }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rsName}-${POD_SUFFIXES[i % POD_SUFFIXES.length]}`,
      namespace: namespace,
      labels,
      ownerReferences: [{ kind: 'ReplicaSet', name: rsName, controller: true }],
    },
    spec: template.spec,
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: i < available ? 'True' : 'False' }],
    },
  }));
  return [deployment, replicaSet, ...pods];
}
