/*
 * Inputs for the equivalence test of the indexed `istio` appender (../appenders/istioIndex.test.ts):
 * graph nodes of every kind for a set of clusters, and a generated mesh whose Istio and Gateway API
 * objects name hosts in every form Istio accepts (short, `name.namespace`, FQDN, `*`, `*.domain`,
 * hosts of other namespaces and of no Service), with subsets, circuit breakers, weights, parent
 * Services and duplicate names. Deterministic for a seed.
 */
import { toClusterObjects } from '../../kube/clusterObjects';
import { IstioObject, KubeObject, Service } from '../../kube/types';
import { deriveWorkloads, Workload } from '../../kube/workloads';
import { simulateNamespace } from '../../__testUtils__/kubeApi/simulateCluster';
import { prng } from '../../sources/demo/traffic/random';
import { ClusterIstioObject } from '../appenders/addIstioConfig';
import { GraphNode } from '../types';

export interface IstioMesh {
  workloads: Workload[];
  services: Array<Service & { cluster: string }>;
  objects: ClusterIstioObject[];
  nodes: GraphNode[];
}

/**
 * A cluster's objects (Deployments, Services, Istio and Gateway API objects), placed in their
 * namespace (`fallback` for those without one) with pods as Kubernetes would run them.
 */
export function clusterMesh(
  cluster: string,
  objects: KubeObject[],
  fallback: string,
): Omit<IstioMesh, 'nodes'> {
  const byNamespace = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? fallback;
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), o]);
  }
  const placed = [...byNamespace].flatMap(([name, manifests]) =>
    simulateNamespace(
      { name, labels: { 'istio-injection': 'enabled' } },
      manifests,
    ),
  );
  const kube = toClusterObjects(placed, {});
  return {
    workloads: deriveWorkloads(cluster, kube),
    services: kube.services.map(s => ({ ...s, cluster })),
    objects: kube.istio.map(o => ({ ...o, cluster })),
  };
}

/** Every kind of node the appender sees, for the workloads, Services and ServiceEntries given. */
export function nodesOf(mesh: Omit<IstioMesh, 'nodes'>): GraphNode[] {
  const nodes: GraphNode[] = [];
  const add = (node: Omit<GraphNode, 'id'>) =>
    nodes.push({ ...node, id: `${nodes.length}` } as GraphNode);
  for (const w of mesh.workloads) {
    const common = { cluster: w.cluster, namespace: w.namespace };
    const app = w.podLabels.app ?? w.name;
    add({ ...common, type: 'workload', name: w.name, workload: w.name, app });
    add({ ...common, type: 'app', name: app, app });
    add({
      ...common,
      type: 'app',
      name: app,
      app,
      version: w.podLabels.version,
    });
    add({
      ...common,
      type: 'workload',
      name: w.name,
      workload: w.name,
      isWaypoint: true,
    });
    add({
      ...common,
      type: 'workload',
      name: w.name,
      workload: w.name,
      restricted: true,
    });
  }
  for (const s of mesh.services) {
    const common = { cluster: s.cluster, namespace: s.metadata.namespace! };
    add({
      ...common,
      type: 'service',
      name: s.metadata.name,
      service: s.metadata.name,
    });
  }
  for (const e of mesh.objects.filter(o => o.kind === 'ServiceEntry')) {
    const namespace = e.metadata.namespace ?? 'default';
    const location = e.spec?.location ?? 'MESH_EXTERNAL';
    add({
      cluster: e.cluster,
      namespace,
      type: location === 'MESH_EXTERNAL' ? 'external' : 'service',
      name: e.metadata.name,
      serviceEntry: {
        namespace,
        name: e.metadata.name,
        location,
        hosts: e.spec?.hosts ?? [],
      },
    });
  }
  const [first] = mesh.workloads;
  if (first) {
    const common = { cluster: first.cluster, namespace: first.namespace };
    add({
      ...common,
      type: 'service',
      name: 'no-such-service',
      service: 'no-such-service',
    });
    add({ ...common, type: 'service', name: 'nameless' });
    add({ ...common, type: 'external', name: 'api.example.com' });
    add({ ...common, type: 'unknown', name: 'unknown' });
    add({ ...common, type: 'app', name: 'no-such-app', app: 'no-such-app' });
  }
  return nodes;
}

const NAMESPACES = ['ns-0', 'ns-1', 'ns-2', 'ns-3'];
const APPS = ['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
const VERSIONS = ['v1', 'v2'];

function kubeObjects(namespace: string): KubeObject[] {
  const objects: any[] = [];
  for (const app of APPS) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace },
      spec: { selector: { app }, ports: [{ name: 'http', port: 80 }] },
    });
    for (const version of VERSIONS) {
      const labels = { app, version };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `${app}-${version}`, namespace, labels },
        spec: {
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [] } },
        },
      });
    }
  }
  objects.push(
    // A Service per version, one without a selector, one with an empty selector.
    ...VERSIONS.map(version => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `a-0-${version}`, namespace },
      spec: { selector: { app: 'a-0', version } },
    })),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'manual', namespace },
      spec: {},
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'empty', namespace },
      spec: { selector: {} },
    },
  );
  return objects;
}

/** Istio and Gateway API objects naming hosts at random, in every form. */
function routingObjects(random: () => number, count: number): IstioObject[] {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const host = () =>
    pick([
      () => pick(APPS),
      () => `${pick(APPS)}.${pick(NAMESPACES)}`,
      () => `${pick(APPS)}.${pick(NAMESPACES)}.svc.cluster.local`,
      () => pick([`a-0-${pick(VERSIONS)}`, 'manual', 'empty']),
      () => `*.${pick(NAMESPACES)}.svc.cluster.local`,
      () =>
        pick([
          '*',
          '*.local',
          '*.example.com',
          'api.example.com',
          'no-such-host',
        ]),
    ])();
  const policy = () =>
    pick([
      undefined,
      { tls: { mode: 'ISTIO_MUTUAL' } },
      { connectionPool: { tcp: { maxConnections: 10 } } },
      { outlierDetection: { consecutive5xxErrors: 3 } },
      { portLevelSettings: [{ port: { number: 80 }, outlierDetection: {} }] },
    ]);
  const backend = () => ({
    name: pick([...APPS, 'a-0-v1', 'no-such-host']),
    ...(chance(0.3) ? { namespace: pick(NAMESPACES) } : {}),
    ...(chance(0.2) ? { weight: pick([0, 1, 90]) } : {}),
    ...(chance(0.1) ? { kind: pick(['ServiceImport', 'Service']) } : {}),
    ...(chance(0.1) ? { group: pick(['', 'multicluster.x-k8s.io']) } : {}),
  });
  const objects: IstioObject[] = [];
  for (let i = 0; i < count; i++) {
    // Names repeat across namespaces and kinds, as in real meshes.
    const metadata = { name: `r-${i % 7}`, namespace: pick(NAMESPACES) };
    const rules = (n: number, make: () => any) =>
      Array.from({ length: n }, make);
    const make = pick([
      (): any => ({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        spec: Object.fromEntries(
          (['http', 'tcp', 'tls'] as const)
            .filter(() => chance(0.6))
            .map(kind => [
              kind,
              rules(1 + Math.floor(random() * 3), () => ({
                route: rules(Math.floor(random() * 3), () => ({
                  destination: chance(0.9)
                    ? {
                        host: host(),
                        ...(chance(0.4) ? { subset: pick(VERSIONS) } : {}),
                      }
                    : {},
                  ...(chance(0.3) ? { weight: 50 } : {}),
                })),
                ...(chance(0.2)
                  ? { fault: { abort: { httpStatus: 500 } } }
                  : {}),
                ...(chance(0.1)
                  ? { fault: { delay: { fixedDelay: '1s' } } }
                  : {}),
                ...(chance(0.2) ? { timeout: '2s' } : {}),
                ...(chance(0.2) ? { retries: { attempts: pick([0, 3]) } } : {}),
              })),
            ]),
        ),
      }),
      (): any => ({
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'DestinationRule',
        spec: {
          host: host(),
          trafficPolicy: policy(),
          subsets: VERSIONS.filter(() => chance(0.5)).map(version => ({
            name: version,
            labels: { version },
            trafficPolicy: policy(),
          })),
        },
      }),
      (): any => ({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: pick(['HTTPRoute', 'GRPCRoute']),
        spec: {
          parentRefs: chance(0.5)
            ? [
                {
                  kind: 'Service',
                  name: pick(APPS),
                  ...(chance(0.3) ? { namespace: pick(NAMESPACES) } : {}),
                },
              ]
            : [{ name: 'gateway' }],
          rules: rules(Math.floor(random() * 3), () => ({
            backendRefs: rules(Math.floor(random() * 3), backend),
            ...(chance(0.2) ? { timeouts: { request: '5s' } } : {}),
          })),
        },
      }),
      (): any => ({
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        spec: {
          hosts: [pick(['api.example.com', '*.example.com', 'db.internal'])],
          location: pick(['MESH_EXTERNAL', 'MESH_INTERNAL']),
        },
      }),
      (): any => ({
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        spec: {
          selector: { app: pick(APPS) },
          servers: [{ hosts: [`${pick(NAMESPACES)}/${host()}`] }],
        },
      }),
    ]);
    objects.push({ ...make(), metadata });
  }
  return objects;
}

/** A generated mesh of two clusters: the same workloads, different routing objects. */
export function generatedIstioMesh(
  seed: number,
  objectsPerCluster: number,
): IstioMesh {
  const random = prng(seed);
  const clusters = ['east', 'west'].map(cluster =>
    clusterMesh(
      cluster,
      [
        ...NAMESPACES.flatMap(kubeObjects),
        ...routingObjects(random, objectsPerCluster),
      ] as KubeObject[],
      'default',
    ),
  );
  const mesh = {
    workloads: clusters.flatMap(c => c.workloads),
    services: clusters.flatMap(c => c.services),
    objects: clusters.flatMap(c => c.objects),
  };
  return { ...mesh, nodes: nodesOf(mesh) };
}
