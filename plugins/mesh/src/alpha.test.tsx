import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { bookinfoGraph, reviewsEntity } from './__fixtures__/bookinfo';
import { MeshApi, meshApiRef, MeshClient } from './api';
import meshPlugin, { entityMeshContent, meshApi } from './alpha';

// Test double of the mesh API, so the entity page renders without a backend.
const fakeMeshApi: MeshApi = {
  getEntityGraph: jest.fn(async () => bookinfoGraph),
};

function renderEntityPage(entity: Entity) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), entityMeshContent],
    apis: [[meshApiRef, fakeMeshApi]],
  });
}

describe('new frontend system plugin', () => {
  it('installs the API and the entity content', () => {
    expect(meshPlugin.id).toBe('mesh');
    expect(meshPlugin.getExtension('api:mesh')).toBeDefined();
    expect(meshPlugin.getExtension('entity-content:mesh')).toBeDefined();
  });

  it('provides a MeshClient for the mesh API ref', () => {
    const factory = createExtensionTester(meshApi).get(
      ApiBlueprint.dataRefs.factory,
    );

    expect(factory.api.id).toBe(meshApiRef.id);
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: mockApis.fetch(),
      }),
    ).toBeInstanceOf(MeshClient);
  });

  it('shows the Mesh content on the page of an annotated entity', async () => {
    renderEntityPage(reviewsEntity);

    expect(
      await screen.findByTestId('mesh-node-reviews-v1'),
    ).toBeInTheDocument();
  });

  it('is filtered out for entities without a Kubernetes annotation', async () => {
    renderEntityPage({
      ...reviewsEntity,
      metadata: { name: 'reviews', namespace: 'default' },
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
