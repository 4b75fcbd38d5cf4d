/*
 * Mapping by name on real manifests: Istio's Bookinfo (app labels), Bookinfo's MongoDB (a Resource
 * receiving TCP), Online Boutique (app labels, no versions) and Sock Shop (only `name:` labels,
 * which Istio does not read as a canonical service).
 */
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { toClusterObjects } from '../kube/clusterObjects';
import { deriveWorkloads, Workload } from '../kube/workloads';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../__testUtils__/fixtures';
import { entityWorkloadSelector } from './entitySelector';
import { mapWorkloads } from './mapEntity';
import {
  DEFAULT_NAME_MAPPING,
  mappableEntitiesFilter,
  NameMappingPolicy,
} from './nameMapping';
import { buildOwnerIndex } from './ownerIndex';
import { OwnerIndexCache } from './OwnerIndexCache';

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
  spec: JsonObject = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

function workloadsOf(
  file: string,
  namespace: string,
  cluster = 'east',
): Workload[] {
  const objects = readYamlFixture(file).map(o => ({
    ...o,
    metadata: { ...o.metadata, namespace },
  }));
  return deriveWorkloads(cluster, toClusterObjects(objects, {}));
}

function mapped(
  e: Entity,
  workloads: Workload[],
  policy: NameMappingPolicy = DEFAULT_NAME_MAPPING,
) {
  const selector = entityWorkloadSelector(e, policy);
  if (!('ok' in selector)) return selector;
  const result = mapWorkloads(selector.ok, workloads);
  return {
    workloads: result.workloads.map(w => `${w.namespace}/${w.name}`).sort(),
    ambiguous: result.ambiguous,
  };
}

describeWithFixtures('mapping entities without annotations by name', () => {
  const bookinfo = () =>
    workloadsOf('istio/bookinfo/platform/kube/bookinfo.yaml', 'bookinfo');
  const mongodb = () =>
    workloadsOf('istio/bookinfo/platform/kube/bookinfo-db.yaml', 'bookinfo');

  it('maps a Component to the workloads of its canonical service and a Resource to its database', () => {
    expect(mapped(entity('Component', 'reviews'), bookinfo())).toEqual({
      workloads: [
        'bookinfo/reviews-v1',
        'bookinfo/reviews-v2',
        'bookinfo/reviews-v3',
      ],
      ambiguous: undefined,
    });
    expect(mapped(entity('Resource', 'mongodb'), mongodb())).toEqual({
      workloads: ['bookinfo/mongodb-v1'],
      ambiguous: undefined,
    });
    // Other kinds are not mapped by name, and nothing is when name mapping is off or excludes the kind.
    expect(mapped(entity('System', 'reviews'), bookinfo())).toEqual({
      unmapped: true,
    });
    const off = { ...DEFAULT_NAME_MAPPING, enabled: false };
    expect(mapped(entity('Component', 'reviews'), bookinfo(), off)).toEqual({
      unmapped: true,
    });
    const componentsOnly = { enabled: true, kinds: ['component'] };
    expect(
      mapped(entity('Resource', 'mongodb'), mongodb(), componentsOnly),
    ).toEqual({ unmapped: true });
  });

  it('never overrides explicit annotations', () => {
    // An annotated entity keeps its selector even when its name is a canonical service.
    expect(
      mapped(
        entity('Component', 'reviews', {
          'backstage.io/kubernetes-label-selector': 'app=reviews,version=v1',
        }),
        bookinfo(),
      ),
    ).toEqual({ workloads: ['bookinfo/reviews-v1'], ambiguous: undefined });
    // A workload an annotated entity claims is linked to it, not to a name-mapped entity.
    const owners = buildOwnerIndex(
      [
        entity('Component', 'reviews'),
        entity('Component', 'reviews-stable', {
          'backstage.io/kubernetes-label-selector': 'app=reviews,version=v1',
        }),
      ],
      bookinfo(),
      DEFAULT_NAME_MAPPING,
    );
    expect(owners.get('east/bookinfo/reviews-v1')).toBe(
      'component:default/reviews-stable',
    );
    expect(owners.get('east/bookinfo/reviews-v2')).toBe(
      'component:default/reviews',
    );
  });

  it('reports a name found in several namespaces or clusters instead of guessing', () => {
    const twoNamespaces = [
      ...bookinfo(),
      ...workloadsOf('istio/bookinfo/platform/kube/bookinfo.yaml', 'staging'),
    ];
    expect(mapped(entity('Component', 'ratings'), twoNamespaces)).toEqual({
      workloads: [],
      ambiguous: ['east/bookinfo', 'east/staging'],
    });
    // The namespace annotation settles it.
    expect(
      mapped(
        entity('Component', 'ratings', {
          'backstage.io/kubernetes-namespace': 'staging',
        }),
        twoNamespaces,
      ),
    ).toEqual({ workloads: ['staging/ratings-v1'], ambiguous: undefined });
    // Two clusters are just as ambiguous, and the reverse mapping agrees through the cache.
    const west = workloadsOf(
      'istio/bookinfo/platform/kube/bookinfo.yaml',
      'bookinfo',
      'west',
    );
    const entities = [entity('Component', 'ratings')];
    expect(mapped(entities[0], [...bookinfo(), ...west])).toEqual({
      workloads: [],
      ambiguous: ['east/bookinfo', 'west/bookinfo'],
    });
    const cache = new OwnerIndexCache(DEFAULT_NAME_MAPPING);
    expect(cache.ownerIndex(entities, [bookinfo(), west]).size).toBe(0);
    expect(cache.ownerIndex(entities, [bookinfo()])).toEqual(
      buildOwnerIndex(entities, bookinfo(), DEFAULT_NAME_MAPPING),
    );
    expect(
      cache.ownerIndex(entities, [bookinfo()]).get('east/bookinfo/ratings-v1'),
    ).toBe('component:default/ratings');
  });

  it('narrows by a namespace convention over the entity', () => {
    const both = [
      ...bookinfo(),
      ...workloadsOf('istio/bookinfo/platform/kube/bookinfo.yaml', 'staging'),
    ];
    const bySystem = { ...DEFAULT_NAME_MAPPING, namespace: '{system}' };
    expect(
      mapped(
        entity(
          'Component',
          'details',
          {},
          { system: 'system:default/staging' },
        ),
        both,
        bySystem,
      ),
    ).toEqual({ workloads: ['staging/details-v1'], ambiguous: undefined });
    expect(
      mapped(entity('Component', 'details'), both, bySystem),
    ).toHaveProperty('invalid');
  });

  it('maps Online Boutique services but not Sock Shop pods labelled only `name:` (no canonical-service label)', () => {
    const boutique = workloadsOf(
      'online-boutique/kubernetes-manifests.yaml',
      'online-boutique',
    );
    expect(mapped(entity('Resource', 'redis-cart'), boutique)).toEqual({
      workloads: ['online-boutique/redis-cart'],
      ambiguous: undefined,
    });
    const sockShop = workloadsOf('sock-shop/complete-demo.yaml', 'sock-shop');
    expect(mapped(entity('Component', 'carts'), sockShop)).toEqual({
      workloads: [],
      ambiguous: undefined,
    });
  });

  it('asks the catalog for the covered kinds besides the annotated entities', () => {
    expect(mappableEntitiesFilter(DEFAULT_NAME_MAPPING)).toContainEqual({
      kind: ['component', 'resource'],
    });
    expect(
      mappableEntitiesFilter({ ...DEFAULT_NAME_MAPPING, enabled: false }),
    ).toHaveLength(2);
  });
});
