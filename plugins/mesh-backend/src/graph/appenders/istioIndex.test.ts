/*
 * The `istio` appender with its host indexes (./istioIndex) gives exactly what the plain scan it
 * replaced gives (../__testUtils__/istioConfigReference): the same badges on every node, names
 * in the same (object) order, over the real Istio and Gateway API objects of ../shared/fixtures
 * and over generated meshes naming hosts in every form.
 */
import fs from 'fs';
import path from 'path';
import {
  describeWithFixtures,
  FIXTURES_DIR,
  readYamlFixture,
} from '../../__testUtils__/fixtures';
import { addIstioConfigReference } from '../__testUtils__/istioConfigReference';
import {
  clusterMesh,
  generatedIstioMesh,
  IstioMesh,
  nodesOf,
} from '../__testUtils__/istioMeshes';
import { TrafficMap } from '../types';
import { addIstioConfig } from './addIstioConfig';
import { HostIndex } from './istioIndex';
import { indexWorkloads } from './workloadsOfNode';

/** Node index → badges, from the indexed step and from the reference scan. */
function bothWays(mesh: IstioMesh) {
  const run = (step: typeof addIstioConfig) => {
    const map: TrafficMap = {
      graphType: 'workload',
      nodes: new Map(mesh.nodes.map(n => [n.id, structuredClone(n)])),
      edges: new Map(),
    };
    step(map, mesh.objects, indexWorkloads(mesh.workloads), mesh.services);
    return [...map.nodes.values()].map(n => n.istio);
  };
  return {
    indexed: run(addIstioConfig),
    reference: run(addIstioConfigReference),
  };
}

const badged = (badges: unknown[]) => badges.filter(Boolean).length;

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(file);
    return /\.ya?ml$/.test(entry.name) ? [file] : [];
  });
}

const MESH_KINDS = /^(Deployment|StatefulSet|Service)$/;
const ROUTING_API = /istio\.io|gateway\.networking\.k8s\.io/;

/** Every workload, Service and Istio / Gateway API object of the fixtures' YAML files. */
function fixtureObjects(folder: string): any[] {
  return yamlFiles(path.join(FIXTURES_DIR, folder))
    .flatMap(file => readYamlFixture(path.relative(FIXTURES_DIR, file)))
    .filter(
      o =>
        o?.metadata?.name &&
        (MESH_KINDS.test(o.kind) || ROUTING_API.test(o.apiVersion ?? '')),
    );
}

describeWithFixtures('addIstioConfig over the fixtures: index = scan', () => {
  it('gives every node of the real samples the same badges in the same order', () => {
    // Two clusters: Bookinfo, Online Boutique and Sock Shop with Istio's samples; the same
    // workloads with Kiali's test objects (cross-namespace hosts, FQDNs, ServiceEntries).
    const samples = ['istio', 'online-boutique', 'sock-shop'].flatMap(
      fixtureObjects,
    );
    const kiali = fixtureObjects('kiali').filter(o =>
      ROUTING_API.test(o.apiVersion ?? ''),
    );
    const workloadsAndServices = samples.filter(o => MESH_KINDS.test(o.kind));
    const clusters = [
      clusterMesh('east', samples, 'bookinfo'),
      clusterMesh('west', [...workloadsAndServices, ...kiali], 'bookinfo'),
    ];
    const parts = {
      workloads: clusters.flatMap(c => c.workloads),
      services: clusters.flatMap(c => c.services),
      objects: clusters.flatMap(c => c.objects),
    };
    const mesh = { ...parts, nodes: nodesOf(parts) };
    expect(parts.objects.length).toBeGreaterThan(150);
    const { indexed, reference } = bothWays(mesh);
    expect(badged(reference)).toBeGreaterThan(100);
    expect(
      reference.filter(b => (b?.virtualServices?.length ?? 0) > 1),
    ).not.toHaveLength(0);
    expect(indexed).toEqual(reference);
  });
});

describe('addIstioConfig over generated meshes: index = scan', () => {
  it.each([1, 2, 3, 4, 5])(
    'gives every node the same badges in the same order (seed %i)',
    seed => {
      const mesh = generatedIstioMesh(seed, 120);
      const { indexed, reference } = bothWays(mesh);
      expect(badged(reference)).toBeGreaterThan(mesh.nodes.length / 3);
      // Several names per node: the order is checked, not only the set.
      expect(
        reference.filter(b => (b?.destinationRules?.length ?? 0) > 2),
      ).not.toHaveLength(0);
      expect(
        reference.filter(b => (b?.routes?.length ?? 0) > 1),
      ).not.toHaveLength(0);
      expect(indexed).toEqual(reference);
    },
  );

  it('keeps the index while the object list is the same one', () => {
    const mesh = generatedIstioMesh(9, 40);
    const before = bothWays(mesh);
    // A changed object in a new list is seen; the old list's index is not reused for it.
    const objects = mesh.objects.map(o =>
      o.kind === 'DestinationRule'
        ? { ...o, spec: { ...o.spec, host: 'elsewhere.example.com' } }
        : o,
    );
    const after = bothWays({ ...mesh, objects });
    expect(after.indexed).toEqual(after.reference);
    expect(after.indexed).not.toEqual(before.indexed);
  });
});

describe('HostIndex', () => {
  it('finds entries by exact host and by wildcard, each once, in object order', () => {
    const index = new HostIndex<{ order: number; object: any }>();
    const entry = (order: number) => ({ order, object: { order } });
    const [a, b, c, d] = [entry(0), entry(1), entry(2), entry(3)];
    index.add('*.ns.svc.cluster.local', d);
    index.add('x.ns.svc.cluster.local', c);
    index.add('x.ns.svc.cluster.local', c);
    index.add('*', b);
    index.addExact('*', a);
    expect(index.lookup(['x.ns.svc.cluster.local']).map(e => e.order)).toEqual([
      1, 2, 3,
    ]);
    expect(index.lookup(['y.other.svc.cluster.local'])).toEqual([b]);
    expect(index.lookup(['*']).map(e => e.order)).toEqual([0, 1]);
    expect(index.lookup([])).toEqual([]);
  });
});
