/*
 * Expands the compact demo description into the Kubernetes objects a real cluster would return,
 * so the demo exercises the same mapping, workload and config code as live clusters.
 */
import { toClusterObjects } from '../../kube/clusterObjects';
import {
  ClusterObjects,
  Deployment,
  KubeObject,
  Pod,
  Service,
} from '../../kube/types';
import {
  DemoApp,
  DemoMeshModel,
  DemoServiceSpec,
  DemoWorkloadSpec,
  workloadName,
} from './model';

const CREATED = '2026-01-01T00:00:00Z';
// ReplicaSet hashes look like Kubernetes' (10 chars from its alphabet); fixed so pod names are stable.
const RS_HASH = '7d9f5c8b6d';
const POD_SUFFIXES = ['x2k4p', 'q8n7r', 'm5t9w', 'z3c6v'];

function podLabels(
  app: DemoApp,
  svc: DemoServiceSpec,
  wl: DemoWorkloadSpec,
): Record<string, string> {
  const labels: Record<string, string> =
    svc.labelStyle === 'app'
      ? { app: svc.name, ...(wl.version ? { version: wl.version } : {}) }
      : { name: svc.name };
  if (svc.kubernetesIdLabel) labels['backstage.io/kubernetes-id'] = svc.name;
  if (svc.outOfMesh) {
    if (app.dataplane === 'sidecar')
      labels['sidecar.istio.io/inject'] = 'false';
    else labels['istio.io/dataplane-mode'] = 'none';
  }
  return labels;
}

function containers(app: DemoApp, svc: DemoServiceSpec) {
  const list = [
    {
      name: 'server',
      image: `example/${svc.name}:demo`,
      ports: [{ containerPort: svc.port }],
    },
  ];
  if (app.dataplane === 'sidecar' && !svc.outOfMesh) {
    list.push({
      name: 'istio-proxy',
      image: 'docker.io/istio/proxyv2:1.28.0',
      ports: [{ containerPort: 15090 }],
    });
  }
  return list;
}

function workloadObjects(
  app: DemoApp,
  svc: DemoServiceSpec,
  wl: DemoWorkloadSpec,
): KubeObject[] {
  const name = workloadName(svc, wl);
  const labels = podLabels(app, svc, wl);
  const replicas = wl.replicas ?? 1;
  const available = wl.available ?? replicas;
  const template = {
    metadata: { labels },
    spec: {
      serviceAccountName: `${app.id}-${svc.name}`,
      containers: containers(app, svc),
    },
  };
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: app.namespace,
      labels,
      creationTimestamp: CREATED,
      uid: `uid-${app.namespace}-${name}`,
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
      namespace: app.namespace,
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
      namespace: app.namespace,
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

function serviceObject(app: DemoApp, svc: DemoServiceSpec): Service {
  const selector: Record<string, string> =
    svc.labelStyle === 'app' ? { app: svc.name } : { name: svc.name };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: svc.name,
      namespace: app.namespace,
      labels: { ...selector, service: svc.name },
    },
    spec: {
      selector,
      ports: [
        {
          name: svc.portName,
          port: svc.port,
          targetPort: svc.port,
          protocol: 'TCP',
        },
      ],
    },
  };
}

export function appObjects(app: DemoApp): KubeObject[] {
  const nsLabels: Record<string, string> =
    app.dataplane === 'ambient'
      ? { 'istio.io/dataplane-mode': 'ambient' }
      : { 'istio-injection': 'enabled' };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: app.namespace, labels: nsLabels },
    },
  ];
  for (const svc of app.services) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: `${app.id}-${svc.name}`, namespace: app.namespace },
    });
    if (!svc.clientOnly) objects.push(serviceObject(app, svc));
    for (const wl of svc.workloads)
      objects.push(...workloadObjects(app, svc, wl));
  }
  return [...objects, ...app.istio];
}

export function demoClusterObjects(model: DemoMeshModel): ClusterObjects {
  const objects = [...model.platform, ...model.apps.flatMap(appObjects)];
  return toClusterObjects(objects, {
    enableAutoMtls: true,
    rootNamespace: 'istio-system',
    trustDomain: 'cluster.local',
  });
}
