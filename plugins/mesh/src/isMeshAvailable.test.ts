import { Entity } from '@backstage/catalog-model';
import { isMeshAvailable } from './isMeshAvailable';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'reviews', annotations },
});

describe('isMeshAvailable', () => {
  it.each([
    [{ 'backstage.io/kubernetes-id': 'reviews' }, true],
    [{ 'backstage.io/kubernetes-label-selector': 'app=reviews' }, true],
    [{ 'backstage.io/kubernetes-namespace': 'bookinfo' }, false],
    [{ 'backstage.io/kubernetes-id': '' }, false],
    [undefined, false],
  ])('%j → %s', (annotations, expected) => {
    expect(isMeshAvailable(entity(annotations))).toBe(expected);
  });
});
