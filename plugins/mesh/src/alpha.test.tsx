import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { reviewsEntity, bookinfoTeamEntity } from './__fixtures__/bookinfo';
import { meshApiRef, MeshClient } from './api';
import meshPlugin, {
  entityMeshContent,
  entityMeshHealthCard,
  entityTeamMeshContent,
  meshApi,
  meshOverviewPage,
} from './alpha';
import { createFakeMeshApi } from './__testUtils__/fakeMeshApi';

const team = bookinfoTeamEntity;

function renderEntityPage(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      entityMeshContent,
      entityTeamMeshContent,
    ],
    apis: [
      [meshApiRef, createFakeMeshApi()],
      [catalogApiRef, catalogApiMock()],
    ],
  });
}

describe('new frontend system plugin', () => {
  it('installs the API, entity contents, cards and the overview page', () => {
    expect(meshPlugin.id).toBe('mesh');
    for (const id of [
      'api:mesh',
      'entity-content:mesh',
      'entity-content:mesh/team',
      'entity-card:mesh/health',
      'entity-card:mesh/mtls',
      'entity-card:mesh/graph',
      'page:mesh',
    ] as const) {
      expect(meshPlugin.getExtension(id)).toBeDefined();
    }
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

  it('shows the team content on a Group page', async () => {
    renderEntityPage(team);

    expect(
      await screen.findByText('Services of Bookinfo team (4)'),
    ).toBeInTheDocument();
  });

  // Components and Resources map by name (mesh.nameMapping), so only other kinds without the
  // Kubernetes annotations have no Mesh tab.
  it('is filtered out for an API entity without a Kubernetes annotation', async () => {
    renderEntityPage({
      ...reviewsEntity,
      kind: 'API',
      metadata: { name: 'reviews-api', namespace: 'default' },
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('renders a card on the overview of an annotated entity', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: reviewsEntity }),
        entityMeshHealthCard,
      ],
      apis: [
        [meshApiRef, createFakeMeshApi()],
        [catalogApiRef, catalogApiMock()],
      ],
    });

    expect(await screen.findByText('Mesh health')).toBeInTheDocument();
  });

  it('serves the overview page at /mesh', async () => {
    renderTestApp({
      extensions: [meshOverviewPage],
      apis: [[meshApiRef, createFakeMeshApi()]],
      initialRouteEntries: ['/mesh'],
    });

    expect(
      await screen.findByRole('heading', { name: 'Service mesh' }),
    ).toBeInTheDocument();
  });
});
