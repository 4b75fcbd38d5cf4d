import { Entity } from '@backstage/catalog-model';
import {
  hasMeshMapping,
  isMeshAvailable,
  isMeshTeamAvailable,
} from './isMeshAvailable';

const entity = (
  annotations?: Record<string, string>,
  kind = 'Component',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'reviews', annotations },
});

describe('hasMeshMapping and isMeshAvailable', () => {
  it.each([
    [{ 'backstage.io/kubernetes-id': 'reviews' }, 'API', true],
    [{ 'backstage.io/kubernetes-label-selector': 'app=reviews' }, 'API', true],
    [{ 'backstage.io/kubernetes-namespace': 'bookinfo' }, 'API', false],
    [{ 'backstage.io/kubernetes-id': '' }, 'API', false],
    [undefined, 'API', false],
    // Components and Resources without annotations are mapped by name by the backend.
    [undefined, 'Component', true],
    [undefined, 'Resource', true],
  ])('%j on a %s → %s', (annotations, kind, expected) => {
    expect(hasMeshMapping(entity(annotations, kind))).toBe(expected);
    expect(isMeshAvailable(entity(annotations, kind))).toBe(expected);
  });

  it('offers the tab on Systems, which are the union of their Components', () => {
    expect(hasMeshMapping(entity(undefined, 'System'))).toBe(false);
    expect(isMeshAvailable(entity(undefined, 'System'))).toBe(true);
    expect(isMeshAvailable(entity(undefined, 'Group'))).toBe(false);
  });
});

describe('isMeshTeamAvailable', () => {
  it('applies to Groups only', () => {
    expect(isMeshTeamAvailable(entity(undefined, 'Group'))).toBe(true);
    expect(isMeshTeamAvailable(entity(undefined, 'group'))).toBe(true);
    expect(isMeshTeamAvailable(entity(undefined, 'Component'))).toBe(false);
  });
});
