/*
 * Expands the compact demo description into the Kubernetes objects a real cluster would return,
 * so the demo exercises the same mapping, workload and config code as live clusters.
 */
import { toClusterObjects } from '../../kube/clusterObjects';
import { ClusterObjects, KubeObject, Service } from '../../kube/types';
import {
  DemoApp,
  DemoMeshModel,
  DemoServiceSpec,
  DemoWorkloadSpec,
  workloadName,
} from './model';
import { USE_WAYPOINT } from '../../kube/waypoints';
import { waypointObjects } from './waypointObjects';
import { controllerObjects } from './controllerObjects';

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
  const replicas = wl.replicas ?? 1;
  return controllerObjects({
    namespace: app.namespace,
    name: workloadName(svc, wl),
    labels: podLabels(app, svc, wl),
    serviceAccount: `${app.id}-${svc.name}`,
    containers: containers(app, svc),
    replicas,
    available: wl.available ?? replicas,
  });
}

function serviceObject(
  app: DemoApp,
  svc: DemoServiceSpec,
  version?: string,
): Service {
  const selector: Record<string, string> =
    svc.labelStyle === 'app' ? { app: svc.name } : { name: svc.name };
  if (version) selector.version = version;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: version ? `${svc.name}-${version}` : svc.name,
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
      ? {
          'istio.io/dataplane-mode': 'ambient',
          ...(app.waypoint ? { [USE_WAYPOINT]: app.waypoint } : {}),
        }
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
    if (svc.versionServices)
      for (const wl of svc.workloads)
        if (wl.version) objects.push(serviceObject(app, svc, wl.version));
    for (const wl of svc.workloads)
      objects.push(...workloadObjects(app, svc, wl));
  }
  if (app.waypoint)
    objects.push(...waypointObjects(app.namespace, app.waypoint));
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
