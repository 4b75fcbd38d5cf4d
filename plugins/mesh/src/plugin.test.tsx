/*
 * The legacy frontend system: every export renders in a legacy test app, with the MeshApi built
 * by the plugin's own factory and the backend mocked with msw.
 */
import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  bookinfoGraph,
  reviewsEntity,
  bookinfoTeamEntity,
} from './__fixtures__/bookinfo';
import { demo } from './__fixtures__/demo';
import { MeshApi, meshApiRef } from './api';
import {
  EntityMeshContent,
  EntityMeshGraphCard,
  EntityMeshHealthCard,
  EntityMeshMtlsCard,
  EntityTeamMeshContent,
  MeshPage,
  meshPlugin,
} from './plugin';

/** Builds the mesh API the way a legacy app does: with the plugin's own factory. */
function createMeshApiFromPluginFactory(): MeshApi {
  const factory = [...meshPlugin.getApis()].find(
    f => f.api.id === meshApiRef.id,
  );
  if (!factory) throw new Error('meshPlugin provides no mesh API factory');
  return factory.factory({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  }) as MeshApi;
}

/**
 * Stand-in for the catalog's `EntityLayout.Route` (or a `<Route>` of the app): a legacy app
 * assigns a routable extension the `path` of the element whose `element` prop holds it.
 */
function EntityTabRoute({ element }: { path: string; element: JSX.Element }) {
  return element;
}

const team = bookinfoTeamEntity;

describe('legacy frontend system', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requested: string[] = [];
  const base = 'http://backstage.test/api/mesh';

  beforeEach(() => {
    requested.length = 0;
    const answer =
      (body: object) =>
      ({ request }: { request: Request }) => {
        requested.push(new URL(request.url).pathname);
        return HttpResponse.json(body);
      };
    server.use(
      http.get(
        `${base}/entities/by-name/:kind/:namespace/:name/graph`,
        answer(bookinfoGraph),
      ),
      http.get(
        `${base}/entities/by-name/:kind/:namespace/:name/health`,
        answer(demo.productpageHealth),
      ),
      http.get(
        `${base}/entities/by-name/:kind/:namespace/:name/security`,
        answer(demo.productpageSecurity),
      ),
      http.get(
        `${base}/entities/by-name/:kind/:namespace/:name/team`,
        answer(demo.bookinfoTeam),
      ),
      http.get(
        `${base}/entities/by-name/:kind/:namespace/:name/posture`,
        answer(demo.bookinfoTeamPosture),
      ),
      http.get(
        `${base}/entities/by-name/:kind/:namespace/:name/config`,
        answer(demo.reviewsConfig),
      ),
      http.get(`${base}/overview`, answer(demo.overview)),
      http.get(`${base}/posture`, answer(demo.catalogPosture)),
    );
  });

  const render = (element: JSX.Element, entity?: Entity) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [meshApiRef, createMeshApiFromPluginFactory()],
          [catalogApiRef, catalogApiMock()],
        ]}
      >
        {entity ? (
          <EntityProvider entity={entity}>{element}</EntityProvider>
        ) : (
          element
        )}
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

  it('renders EntityMeshContent with the API from the plugin factory', async () => {
    await render(
      <EntityTabRoute path="/mesh" element={<EntityMeshContent />} />,
      reviewsEntity,
    );

    expect(
      await screen.findByTestId('mesh-node-reviews-v2'),
    ).toBeInTheDocument();
    expect(requested).toEqual([
      '/api/mesh/entities/by-name/Component/default/reviews/graph',
    ]);
  });

  it('renders EntityTeamMeshContent for a Group', async () => {
    await render(
      <EntityTabRoute path="/mesh" element={<EntityTeamMeshContent />} />,
      team,
    );

    expect(
      await screen.findByText('Services of Bookinfo team (4)'),
    ).toBeInTheDocument();
    expect(requested).toContain(
      '/api/mesh/entities/by-name/Group/default/bookinfo-team/team',
    );
  });

  it('renders MeshPage', async () => {
    await render(<EntityTabRoute path="/mesh" element={<MeshPage />} />);

    expect(
      await screen.findByRole('heading', { name: 'Service mesh' }),
    ).toBeInTheDocument();
    expect(await screen.findByText(/^Entities \(/)).toBeInTheDocument();
  });

  it('renders the overview cards', async () => {
    await render(
      <>
        <EntityMeshHealthCard />
        <EntityMeshMtlsCard />
        <EntityMeshGraphCard />
      </>,
      reviewsEntity,
    );

    expect(await screen.findByText('Mesh health')).toBeInTheDocument();
    expect(await screen.findByText('Mesh mTLS')).toBeInTheDocument();
    expect(await screen.findByText('Mesh neighbourhood')).toBeInTheDocument();
    expect(await screen.findByText('bookinfo: STRICT')).toBeInTheDocument();
  });
});
