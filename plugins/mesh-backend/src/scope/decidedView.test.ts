/*
 * Views decided from the plugin's own read are shared by callers with the same decisions. The
 * permission service here is a test double answering as Backstage's permission backend does: every
 * conditional decision carries a new `id`. The catalog is Backstage's in-memory catalog mock.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import { randomUUID } from 'crypto';
import { DEFAULT_NAME_MAPPING } from '../mapping/nameMapping';
import { DecidedViews } from './decidedView';
import { ServiceEntities } from './ServiceEntities';

const component = (name: string, labels: Record<string, string> = {}) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      labels,
      annotations: { 'backstage.io/kubernetes-id': name },
    },
    spec: { type: 'service', owner: 'group:default/team' },
  } as Entity);

/** Denies what carries `label`, for both permissions, with a new decision id each time. */
function permissionsHiding(label: () => string): PermissionsService {
  const hide: PermissionCondition = {
    rule: 'HAS_LABEL',
    resourceType: 'catalog-entity',
    params: { label: label() },
  };
  const decision = () => ({
    id: randomUUID(),
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: { not: { ...hide, params: { label: label() } } },
  });
  return {
    authorizeConditional: async (queries: unknown[]) =>
      queries.map(decision) as any,
    authorize: async () => {
      throw new Error('not asked');
    },
  } as PermissionsService;
}

describe('DecidedViews', () => {
  const entities = [
    component('open'),
    component('secret', { 'example.com/secret': 'true' }),
  ];
  const serviceEntities = new ServiceEntities(
    catalogServiceMock({ entities }),
    mockServices.auth(),
    DEFAULT_NAME_MAPPING,
  );
  const request = (): BackstageCredentials =>
    // One credentials object per request, as Backstage's httpAuth hands them out.
    ({ ...mockCredentials.user('user:default/guest') });

  it('hands callers with the same decisions one view object, whatever the decision ids', async () => {
    const views = new DecidedViews(
      serviceEntities,
      permissionsHiding(() => 'example.com/secret'),
    );
    const first = await views.view(request());
    const second = await views.view(request());
    expect(first?.visible.map(e => e.metadata.name)).toEqual(['open']);
    expect(first?.withheld).toEqual([]);
    expect(second).toBe(first);
  });

  it('decides other conditions into another view', async () => {
    let label = 'example.com/secret';
    const views = new DecidedViews(
      serviceEntities,
      permissionsHiding(() => label),
    );
    const hidingSecret = await views.view(request());
    label = 'example.com/none';
    const hidingNothing = await views.view(request());
    expect(hidingNothing).not.toBe(hidingSecret);
    expect(hidingNothing?.visible.map(e => e.metadata.name)).toEqual([
      'open',
      'secret',
    ]);
  });
});
