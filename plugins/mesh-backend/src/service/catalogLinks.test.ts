/*
 * The part of a shared answer's key that follows the links (./catalogLinks mappingDigest): which
 * entity owns each workload and which workloads are hidden. Two views with the same visible
 * entities but another claim, or another hidden workload, must not share an answer.
 */
import { NOTHING_HIDDEN } from '../scope/ownedWorkloads';
import { CatalogLinks, mappingDigest } from './catalogLinks';
import { Inventory } from './readInventory';

const workloads = ['a', 'b', 'c'].map(name => ({
  cluster: 'east',
  namespace: 'shop',
  name,
})) as unknown as Inventory['workloads'];
const inventory = { workloads } as Inventory;

function links(owners: Array<[string, string]>, hidden: string[] = []) {
  return {
    entities: [],
    info: new Map(),
    owners: new Map(owners),
    scope: {
      visibility: hidden.length
        ? { isHidden: (k: string) => hidden.includes(k), hiddenCount: 1 }
        : NOTHING_HIDDEN,
      restrictUnresolved: false,
      hiddenEntities: [],
    },
  } as CatalogLinks;
}

describe('mappingDigest', () => {
  it('tells apart links that claim or hide other workloads', () => {
    const base = links([['east/shop/a', 'component:default/a']]);
    const digest = mappingDigest(base, inventory);
    expect(
      mappingDigest(links([['east/shop/a', 'component:default/a']]), inventory),
    ).toBe(digest);
    expect(
      mappingDigest(links([['east/shop/b', 'component:default/a']]), inventory),
    ).not.toBe(digest);
    expect(
      mappingDigest(
        links([['east/shop/a', 'component:default/a']], ['east/shop/c']),
        inventory,
      ),
    ).not.toBe(digest);
  });

  it('is computed once per links and workload list', () => {
    const once = links([]);
    const owners = jest.spyOn(once.owners, 'get');
    mappingDigest(once, inventory);
    mappingDigest(once, inventory);
    expect(owners).toHaveBeenCalledTimes(3);
    mappingDigest(once, { workloads: [...workloads] } as Inventory);
    expect(owners).toHaveBeenCalledTimes(6);
  });
});
