import {
  checkoutserviceDependencies,
  productpageDependencies,
} from '../__fixtures__/demo';
import { dependencyLists } from './dependencies';

describe('dependencyLists', () => {
  it("splits productpage's dependencies: ratings is declared but silent", () => {
    const lists = dependencyLists(productpageDependencies.dependencies);
    expect(lists.silent.map(d => d.entityRef)).toEqual([
      'component:default/ratings',
    ]);
    expect(lists.undeclared).toEqual([]);
    expect(lists.declared.map(d => d.entityRef)).toEqual([
      'component:default/details',
      'component:default/reviews',
    ]);
  });

  it("finds checkoutservice's undeclared call to emailservice", () => {
    const lists = dependencyLists(checkoutserviceDependencies.dependencies);
    expect(lists.undeclared.map(d => d.entityRef)).toEqual([
      'component:default/emailservice',
    ]);
  });

  it('lists deprecated dependencies in use, not silent ones', () => {
    const deps = productpageDependencies.dependencies.map(d => ({
      ...d,
      deprecated: true,
    }));
    expect(dependencyLists(deps).deprecated.map(d => d.entityRef)).toEqual([
      'component:default/details',
      'component:default/reviews',
    ]);
  });
});
