import { demo } from '../__fixtures__/demo';
import { facetOptions, filterEntities } from './entityFilters';

const { entities } = demo.overview;

describe('entity filters', () => {
  it('offers the values that occur, per facet', () => {
    const options = facetOptions(entities);
    expect(options.owner).toEqual([
      'group:default/bookinfo-team',
      'group:default/boutique-team',
      'group:default/sock-shop-team',
    ]);
    expect(options.namespace).toEqual([
      'bookinfo',
      'online-boutique',
      'sock-shop',
    ]);
    expect(options.cluster).toEqual(['demo']);
    expect(options.health.length).toBeGreaterThan(0);
  });

  it('combines facets with AND and values with OR', () => {
    const bookinfo = filterEntities(entities, {
      system: ['system:default/bookinfo'],
    });
    expect(bookinfo.map(e => e.name).sort()).toEqual([
      'details',
      'productpage',
      'ratings',
      'reviews',
    ]);

    const twoNamespaces = filterEntities(entities, {
      namespace: ['bookinfo', 'sock-shop'],
    });
    expect(
      twoNamespaces.every(e =>
        ['bookinfo', 'sock-shop'].includes(e.namespaces[0]),
      ),
    ).toBe(true);
    expect(twoNamespaces.length).toBeGreaterThan(bookinfo.length);

    const none = filterEntities(entities, {
      system: ['system:default/bookinfo'],
      namespace: ['sock-shop'],
    });
    expect(none).toEqual([]);
    expect(filterEntities(entities, { owner: [] })).toHaveLength(
      entities.length,
    );
  });
});
