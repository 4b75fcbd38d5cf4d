/*
 * A generated cluster for the inventory benchmark: N namespaces of Deployments (each with a
 * Service, a ServiceAccount, a DestinationRule and a VirtualService) whose pods are as large as real
 * ones (env, volumes, container statuses, managedFields), so the cost of trimming is measured too.
 */
import { simulateNamespace } from '../src/__testUtils__/kubeApi/simulateCluster';

export interface SyntheticClusterSize {
  namespaces: number;
  deploymentsPerNamespace: number;
  replicas: number;
}

export function syntheticCluster(size: SyntheticClusterSize): any[] {
  const objects: any[] = [];
  for (let n = 0; n < size.namespaces; n++) {
    const ns = `team-${n}`;
    const manifests: any[] = [];
    for (let d = 0; d < size.deploymentsPerNamespace; d++) {
      const app = `svc-${d}`;
      const labels = { app, version: 'v1' };
      manifests.push(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: `${app}-v1`,
            labels,
            annotations: {
              'kubectl.kubernetes.io/last-applied-configuration': 'x'.repeat(
                1500,
              ),
            },
          },
          spec: {
            replicas: size.replicas,
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: podSpec(app) },
          },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: app, labels },
          spec: {
            selector: { app },
            ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
          },
        },
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app } },
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: app },
          spec: {
            host: app,
            subsets: [{ name: 'v1', labels: { version: 'v1' } }],
          },
        },
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: app },
          spec: {
            hosts: [app],
            http: [{ route: [{ destination: { host: app, subset: 'v1' } }] }],
          },
        },
      );
    }
    objects.push(
      ...simulateNamespace(
        { name: ns, labels: { 'istio-injection': 'enabled' } },
        manifests,
      ).map(padPod),
    );
  }
  return objects;
}

function podSpec(app: string) {
  return {
    serviceAccountName: app,
    containers: [
      {
        name: app,
        image: `registry.example.com/${app}:1.2.3`,
        ports: [{ containerPort: 8080, name: 'http' }],
        env: Array.from({ length: 12 }, (_, i) => ({
          name: `SETTING_${i}`,
          value: `value-${i}-${app}`,
        })),
        resources: {
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        },
        volumeMounts: [
          { name: 'config', mountPath: '/etc/config' },
          {
            name: 'kube-api-access',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ],
        readinessProbe: {
          httpGet: { path: '/ready', port: 8080 },
          periodSeconds: 10,
        },
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: `${app}-config` } },
      {
        name: 'kube-api-access',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          ],
        },
      },
    ],
  };
}

/** What the API server adds to a running pod: container statuses, conditions' times, managedFields. */
function padPod(obj: any): any {
  if (obj.kind !== 'Pod') return obj;
  const time = '2026-01-01T00:00:00Z';
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      managedFields: [
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': { 'f:conditions': 'x'.repeat(1200) } },
        },
      ],
    },
    status: {
      ...obj.status,
      hostIP: '10.0.0.1',
      startTime: time,
      conditions: [
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map(type => ({ type, status: 'True', lastTransitionTime: time })),
      containerStatuses: obj.spec.containers.map((c: any) => ({
        name: c.name,
        image: c.image,
        imageID: `${c.image}@sha256:${'0'.repeat(64)}`,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: time } },
        containerID: `containerd://${'a'.repeat(64)}`,
      })),
    },
  };
}
