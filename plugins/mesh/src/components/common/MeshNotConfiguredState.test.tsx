/*
 * The plugin installed against a backend with no cluster configured: the Mesh tab, the overview
 * cards and the /mesh page show setup guidance (what to configure, a link to the README) instead
 * of an empty graph or a warning list. The backend answer is the fake API's (see __testUtils__).
 */
import { screen } from '@testing-library/react';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { bookinfoGraph, reviewsEntity } from '../../__fixtures__/bookinfo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import { EntityMeshGraphCard, EntityMeshMtlsCard } from '../cards';
import { EntityMeshContent } from '../EntityMeshContent/EntityMeshContent';
import { MeshOverviewPage } from '../MeshOverviewPage/MeshOverviewPage';
import { MESH_SETUP_DOCS_URL } from './MeshNotConfiguredState';

const notConfigured: MeshSourceError = {
  source: 'inventory',
  errorType: 'NOT_CONFIGURED',
  message: 'No cluster is configured for the mesh plugin',
};
const TITLE = 'The mesh plugin has no cluster configured yet';

let meshApi: FakeMeshApi;

async function expectGuidance() {
  expect(await screen.findByText(TITLE)).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: /Read the setup guide/ }),
  ).toHaveAttribute('href', MESH_SETUP_DOCS_URL);
  expect(screen.queryByRole('application')).not.toBeInTheDocument();
}

describe('with no cluster configured in the backend', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
    meshApi.getEntityGraph.mockResolvedValue({
      ...bookinfoGraph,
      nodes: [],
      edges: [],
      errors: [notConfigured],
    });
  });

  it('the Mesh tab shows setup guidance naming what to configure', async () => {
    renderMeshView(<EntityMeshContent />, { meshApi, entity: reviewsEntity });
    await expectGuidance();
    expect(
      screen.getByText(/kubernetes\.clusterLocatorMethods/),
    ).toHaveTextContent(/mesh\.clusters.*mesh\.prometheus/);
    expect(screen.queryByText(/may be incomplete/)).not.toBeInTheDocument();
  });

  it('the overview cards show it too', async () => {
    const security = await createFakeMeshApi().getEntitySecurity({} as any, {
      window: '10m',
    });
    meshApi.getEntitySecurity.mockResolvedValue({
      ...security,
      errors: [notConfigured],
    });
    const graph = renderMeshView(<EntityMeshGraphCard />, {
      meshApi,
      entity: reviewsEntity,
    });
    await expectGuidance();
    graph.unmount();
    renderMeshView(<EntityMeshMtlsCard />, { meshApi, entity: reviewsEntity });
    await expectGuidance();
  });

  it('the /mesh page shows it', async () => {
    const overview = await createFakeMeshApi().getOverview({} as any);
    meshApi.getOverview.mockResolvedValue({
      ...overview,
      errors: [notConfigured],
    });
    renderMeshView(<MeshOverviewPage />, { meshApi });
    await expectGuidance();
  });
});
