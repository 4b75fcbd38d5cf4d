/*
 * Entity → workload mapping on real manifests (Istio's Bookinfo, Sock Shop) with the Kubernetes
 * plugin's annotations.
 */
import { Entity } from '@backstage/catalog-model';
import { toClusterObjects } from '../kube/clusterObjects';
import { deriveWorkloads } from '../kube/workloads';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../__testUtils__/fixtures';
import { entityWorkloadSelector } from './entitySelector';
import { DEFAULT_NAME_MAPPING, NameMappingPolicy } from './nameMapping';
import { mapWorkloads, selectWorkloads } from './mapEntity';
import { buildOwnerIndex } from './ownerIndex';
import { OwnerIndexCache } from './OwnerIndexCache';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

const selectorOf = (
  entity: Entity,
  policy: NameMappingPolicy = DEFAULT_NAME_MAPPING,
) => entityWorkloadSelector(entity, policy);

function workloadsOf(file: string, namespace: string) {
  const objects = readYamlFixture(file).map(o => ({
    ...o,
    metadata: { namespace, ...o.metadata },
  }));
  return deriveWorkloads('east', toClusterObjects(objects, {}));
}

function mapped(entity: Entity, workloads: ReturnType<typeof workloadsOf>) {
  const selector = selectorOf(entity);
  if (!('ok' in selector))
    throw new Error(`unexpected ${JSON.stringify(selector)}`);
  return selectWorkloads(selector.ok, workloads)
    .map(w => w.name)
    .sort();
}

describe('entityWorkloadSelector', () => {
  it('prefers the label selector, falls back to the kubernetes id, and reports unusable annotations', () => {
    const both = selectorOf(
      component('a', {
        'backstage.io/kubernetes-id': 'x',
        'backstage.io/kubernetes-label-selector': 'app=a',
      }),
    );
    expect(both).toMatchObject({ ok: { text: 'app=a' } });
    expect(
      selectorOf(component('b', { 'backstage.io/kubernetes-id': 'b' })),
    ).toMatchObject({
      ok: { text: 'backstage.io/kubernetes-id=b' },
    });
    expect(
      selectorOf(component('c', {}), {
        ...DEFAULT_NAME_MAPPING,
        enabled: false,
      }),
    ).toEqual({ unmapped: true });
    expect(
      selectorOf(
        component('d', {
          'backstage.io/kubernetes-label-selector': 'app="x"}',
        }),
      ),
    ).toEqual({
      invalid: expect.stringMatching(
        /backstage.io\/kubernetes-label-selector .* not usable/,
      ),
    });
    expect(
      selectorOf(component('e', { 'backstage.io/kubernetes-id': 'a b' })),
    ).toHaveProperty('invalid');
  });
});

describeWithFixtures('mapping on real manifests', () => {
  it('maps Bookinfo components by app label, with the namespace annotation narrowing', () => {
    const workloads = workloadsOf(
      'istio/bookinfo/platform/kube/bookinfo.yaml',
      'bookinfo',
    );
    expect(
      mapped(
        component('reviews', {
          'backstage.io/kubernetes-label-selector': 'app=reviews',
        }),
        workloads,
      ),
    ).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
    expect(
      mapped(
        component('productpage', {
          'backstage.io/kubernetes-label-selector': 'app=productpage',
          'backstage.io/kubernetes-namespace': 'other',
        }),
        workloads,
      ),
    ).toEqual([]);
    expect(
      mapped(
        component('details', {
          'backstage.io/kubernetes-label-selector': 'app=details,version=v1',
        }),
        workloads,
      ),
    ).toEqual(['details-v1']);
  });

  it('maps Sock Shop components whose pods carry only a `name` label', () => {
    const workloads = workloadsOf('sock-shop/complete-demo.yaml', 'sock-shop');
    expect(workloads.length).toBe(14);
    expect(
      mapped(
        component('carts', {
          'backstage.io/kubernetes-label-selector': 'name=carts',
        }),
        workloads,
      ),
    ).toEqual(['carts']);
    const owners = buildOwnerIndex(
      ['carts', 'carts-db', 'orders'].map(n =>
        component(n, { 'backstage.io/kubernetes-label-selector': `name=${n}` }),
      ),
      workloads,
      DEFAULT_NAME_MAPPING,
    );
    expect(owners.get('east/sock-shop/carts-db')).toBe(
      'component:default/carts-db',
    );
    expect(owners.get('east/sock-shop/user')).toBeUndefined();
  });

  it('reads out-of-mesh pods from the manifests (no sidecar injected, no ambient label)', () => {
    const workloads = workloadsOf(
      'online-boutique/kubernetes-manifests.yaml',
      'online-boutique',
    );
    expect(workloads.map(w => w.name)).toContain('loadgenerator');
    expect(workloads.every(w => w.dataplane === 'none')).toBe(true);
  });
});

describeWithFixtures('fallback on Istio canonical-service labels', () => {
  const bookinfo = () =>
    workloadsOf('istio/bookinfo/platform/kube/bookinfo.yaml', 'bookinfo');

  it('maps a kubernetes-id entity by the canonical service where no workload carries the kubernetes-id label', () => {
    const byId = selectorOf(
      component('reviews', { 'backstage.io/kubernetes-id': 'reviews' }),
    );
    if (!('ok' in byId)) throw new Error('expected a selector');
    expect(mapWorkloads(byId.ok, bookinfo())).toEqual({
      workloads: expect.arrayContaining(
        ['reviews-v1', 'reviews-v2', 'reviews-v3'].map(name =>
          expect.objectContaining({ name }),
        ),
      ),
      fallbackClusters: ['east'],
    });
    // An explicit label selector is taken as written: no fallback.
    expect(
      mapped(
        component('reviews', {
          'backstage.io/kubernetes-label-selector':
            'backstage.io/kubernetes-id=reviews',
        }),
        bookinfo(),
      ),
    ).toEqual([]);
  });

  it('uses the label where a cluster has it, the fallback only in clusters without it, and Istio label precedence', () => {
    const labelled = bookinfo().map(w => ({
      ...w,
      cluster: 'west',
      podLabels: {
        ...w.podLabels,
        'backstage.io/kubernetes-id': w.podLabels.app,
      },
    }));
    const relabelled = bookinfo().map(w =>
      w.name === 'ratings-v1'
        ? {
            ...w,
            podLabels: { ...w.podLabels, 'app.kubernetes.io/name': 'stars' },
          }
        : w,
    );
    const selector = (id: string) => {
      const s = selectorOf(component(id, { 'backstage.io/kubernetes-id': id }));
      if (!('ok' in s)) throw new Error('expected a selector');
      return s.ok;
    };
    const both = mapWorkloads(selector('details'), [
      ...relabelled,
      ...labelled,
    ]);
    expect(both.workloads.map(w => `${w.cluster}/${w.name}`).sort()).toEqual([
      'east/details-v1',
      'west/details-v1',
    ]);
    expect(both.fallbackClusters).toEqual(['east']);
    // app.kubernetes.io/name outranks app, as in Istio's canonical service.
    expect(mapWorkloads(selector('ratings'), relabelled).workloads).toEqual([]);
    expect(
      mapWorkloads(selector('stars'), relabelled).workloads.map(w => w.name),
    ).toEqual(['ratings-v1']);
    // Namespace and cluster annotations narrow the fallback too.
    const narrowed = selectorOf(
      component('details', {
        'backstage.io/kubernetes-id': 'details',
        'backstage.io/kubernetes-cluster': 'west',
      }),
    );
    if (!('ok' in narrowed)) throw new Error('expected a selector');
    expect(
      mapWorkloads(narrowed.ok, [...relabelled, ...labelled]).workloads.map(
        w => w.cluster,
      ),
    ).toEqual(['west']);
  });

  it('links graph nodes to entities mapped by fallback, per caller-visible entity set, through the cache', () => {
    const workloads = bookinfo();
    const entities = ['reviews', 'ratings'].map(n =>
      component(n, { 'backstage.io/kubernetes-id': n }),
    );
    const cache = new OwnerIndexCache(DEFAULT_NAME_MAPPING);
    const all = cache.ownerIndex(entities, [workloads]);
    expect(all).toEqual(
      buildOwnerIndex(entities, workloads, DEFAULT_NAME_MAPPING),
    );
    expect(all.get('east/bookinfo/reviews-v2')).toBe(
      'component:default/reviews',
    );
    expect(all.get('east/bookinfo/ratings-v1')).toBe(
      'component:default/ratings',
    );
    // A caller who cannot see `ratings` gets no link to it, even though the cache holds one.
    const restricted = cache.ownerIndex(entities.slice(0, 1), [workloads]);
    expect(restricted.get('east/bookinfo/ratings-v1')).toBeUndefined();
    expect(cache.ownerIndex(entities, [workloads])).toEqual(all);
  });
});
