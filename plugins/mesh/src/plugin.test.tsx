import { screen } from '@testing-library/react';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { bookinfoGraph, reviewsEntity } from './__fixtures__/bookinfo';
import { MeshApi, meshApiRef } from './api';
import { EntityMeshContent, meshPlugin } from './plugin';

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
 * Stand-in for the catalog's `EntityLayout.Route`: a legacy app assigns a routable extension
 * the `path` of the element whose `element` prop holds it, and renders that element.
 */
function EntityTabRoute({ element }: { path: string; element: JSX.Element }) {
  return element;
}

describe('legacy frontend system', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('renders EntityMeshContent with the API from the plugin factory', async () => {
    const requested: string[] = [];
    server.use(
      http.get(
        'http://backstage.test/api/mesh/entities/by-name/:kind/:namespace/:name/graph',
        ({ request }) => {
          requested.push(new URL(request.url).pathname);
          return HttpResponse.json(bookinfoGraph);
        },
      ),
    );

    await renderInTestApp(
      <TestApiProvider apis={[[meshApiRef, createMeshApiFromPluginFactory()]]}>
        <EntityProvider entity={reviewsEntity}>
          <EntityTabRoute path="/mesh" element={<EntityMeshContent />} />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByTestId('mesh-node-reviews-v2'),
    ).toBeInTheDocument();
    expect(requested).toEqual([
      '/api/mesh/entities/by-name/Component/default/reviews/graph',
    ]);
  });
});
