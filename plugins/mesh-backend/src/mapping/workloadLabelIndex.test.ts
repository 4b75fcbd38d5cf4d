/*
 * Selectors looked up in a label index (./workloadLabelIndex) must map exactly what matching every
 * workload maps: the same workloads in the same order, the same kubernetes-id fallback clusters and
 * the same ambiguity — for every kind of selector, over the demo mesh's workloads in three
 * clusters (its Bookinfo, Online Boutique and Sock Shop labels as charts write them). The
 * reference is ./mapEntity itself with the index taken out.
 */
import { Entity } from '@backstage/catalog-model';
import { Workload } from '../kube/workloads';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { entityWorkloadSelector } from './entitySelector';
import { mapWorkloads } from './mapEntity';
import { DEFAULT_NAME_MAPPING } from './nameMapping';

function withoutIndex(): typeof mapWorkloads {
  let reference!: typeof mapWorkloads;
  jest.isolateModules(() => {
    jest.doMock('./workloadLabelIndex', () => ({
      candidatesOf: (_selector: unknown, workloads: Workload[]) => workloads,
    }));
    reference = require('./mapEntity').mapWorkloads;
  });
  return reference;
}

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: {},
});

describe('mapWorkloads through the label index', () => {
  const demo = new DemoMesh().workloads;
  // Three clusters; in `west` the reviews workloads carry the kubernetes-id label, so the fallback
  // is used in the other two only.
  const workloads: Workload[] = ['east', 'west', 'north'].flatMap(cluster =>
    demo.map(w => ({
      ...w,
      cluster,
      labels:
        cluster === 'west' && w.podLabels.app === 'reviews'
          ? { ...w.labels, 'backstage.io/kubernetes-id': 'reviews' }
          : w.labels,
    })),
  );
  const entities = [
    component('reviews', { 'backstage.io/kubernetes-id': 'reviews' }),
    component('productpage', { 'backstage.io/kubernetes-id': 'productpage' }),
    component('by-app', {
      'backstage.io/kubernetes-label-selector': 'app=ratings',
    }),
    component('by-set', {
      'backstage.io/kubernetes-label-selector':
        'app in (details,cartservice),version',
    }),
    component('not-in', {
      'backstage.io/kubernetes-label-selector': 'app!=reviews',
    }),
    component('exists', {
      'backstage.io/kubernetes-label-selector': 'version',
    }),
    component('in-namespace', {
      'backstage.io/kubernetes-label-selector': 'app=reviews',
      'backstage.io/kubernetes-namespace': 'bookinfo',
    }),
    component('in-cluster', {
      'backstage.io/kubernetes-id': 'frontend',
      'backstage.io/kubernetes-cluster': 'north',
    }),
    component('none', { 'backstage.io/kubernetes-id': 'no-such-service' }),
    // Mapped by name: in every cluster, so ambiguous; and once scoped to one cluster.
    component('ratings'),
    component('carts', { 'backstage.io/kubernetes-cluster': 'east' }),
  ];

  it('maps every selector as matching every workload does', () => {
    expect(workloads.length).toBeGreaterThan(64);
    const reference = withoutIndex();
    let mapped = 0;
    for (const entity of entities) {
      const selector = entityWorkloadSelector(entity, DEFAULT_NAME_MAPPING);
      if (!('ok' in selector))
        throw new Error(`${entity.metadata.name}: ${JSON.stringify(selector)}`);
      const expected = reference(selector.ok, workloads);
      expect(mapWorkloads(selector.ok, workloads)).toEqual(expected);
      mapped += expected.workloads.length;
    }
    // Something was mapped, with a fallback and an ambiguity among the cases.
    expect(mapped).toBeGreaterThan(30);
    const fallback = entityWorkloadSelector(entities[0], DEFAULT_NAME_MAPPING);
    expect(
      'ok' in fallback && mapWorkloads(fallback.ok, workloads).fallbackClusters,
    ).toEqual(['east', 'north']);
    const named = entityWorkloadSelector(entities[9], DEFAULT_NAME_MAPPING);
    expect(
      'ok' in named && mapWorkloads(named.ok, workloads).ambiguous,
    ).toHaveLength(3);
  });
});
