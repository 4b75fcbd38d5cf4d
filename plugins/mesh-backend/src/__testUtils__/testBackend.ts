/*
 * A real test backend (startTestBackend) with the mesh plugin, Backstage's in-memory catalog test
 * double loaded with the demo catalog files the app uses, and the mock permission service (a
 * test double of the permission backend, so tests can show the mesh permissions both ALLOWed and
 * DENYed).
 */
import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
  Permission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { meshPlugin } from '../plugin';
import { demoCatalogEntities } from './demoCatalog';
import { withDemo } from './withDemo';

/** A Component without annotations: mapped by name (mesh.nameMapping), and no workload has its name. */
export const unmappedEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'no-annotations', namespace: 'default' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

/** An API without annotations: a kind never mapped by name, so it has no mesh data. */
export const unmappedApi = {
  ...unmappedEntity,
  kind: 'API',
  spec: { type: 'openapi', owner: 'team', lifecycle: 'production' },
};

/**
 * Decides the mesh permissions with `result`; `catalog.entity.read` is allowed, as the catalog
 * double (which applies no policy) lets everyone read every entity.
 */
function meshPermissions(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const decide = (permission: Permission): DefinitivePolicyDecision => ({
    result:
      permission.name === catalogEntityReadPermission.name
        ? AuthorizeResult.ALLOW
        : result,
  });
  return mockServices.permissions.mock({
    authorize: async requests => requests.map(r => decide(r.permission)),
    authorizeConditional: async requests =>
      requests.map(r => decide(r.permission)),
  });
}

export async function startMeshBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: JsonObject;
    /** Serve the embedded demo mesh (default true; it is off unless configured). */
    demo?: boolean;
    /** More features or service factories (a scheduler the test triggers, …). */
    features?: BackendFeature[];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      ...(options.features ?? []),
      meshPlugin,
      catalogServiceMock.factory({
        entities: [...demoCatalogEntities(), unmappedEntity, unmappedApi],
      }),
      meshPermissions(options.permission ?? AuthorizeResult.ALLOW).factory,
      mockServices.rootConfig.factory({
        data: withDemo(options.config, options.demo ?? true),
      }),
    ],
  });
  return server;
}

export const entityUrl = (name: string, route: string, query = '') =>
  `/api/mesh/entities/by-name/component/default/${name}/${route}${query}`;
