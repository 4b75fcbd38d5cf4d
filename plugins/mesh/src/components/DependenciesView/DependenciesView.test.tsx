/*
 * The Dependencies view against the HTTP client and a mocked backend (msw): the route's answer
 * (MeshDependenciesResponse from mesh-common) goes through MeshClient as in the app.
 */
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  checkoutserviceDependencies,
  productpageDependencies,
} from '../../__fixtures__/demo';
import { meshApiRef, MeshClient } from '../../api';
import { EntityMeshContent } from '../EntityMeshContent';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-label-selector': `app=${name}` },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/bookinfo-team',
  },
});

describe('DependenciesView', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const meshClient = new MeshClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  function serve(answers: Record<string, object>) {
    const requested: string[] = [];
    server.use(
      http.get(
        'http://backstage.test/api/mesh/entities/by-name/:kind/:namespace/:name/dependencies',
        ({ params, request }) => {
          requested.push(`${params.name}?${new URL(request.url).searchParams}`);
          const answer = answers[params.name as string];
          return answer
            ? HttpResponse.json(answer)
            : HttpResponse.json(
                { error: { name: 'NotFoundError', message: 'no such entity' } },
                { status: 404 },
              );
        },
      ),
    );
    return requested;
  }

  const render = (name: string) =>
    renderInTestApp(
      <EntityProvider entity={component(name)}>
        <EntityMeshContent />
      </EntityProvider>,
      {
        apis: [
          [meshApiRef, meshClient],
          [catalogApiRef, catalogApiMock()],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        initialRouteEntries: ['/?view=dependencies'],
      },
    );

  it("shows productpage's silent dependency on ratings", async () => {
    const requested = serve({ productpage: productpageDependencies });
    render('productpage');

    const silent = await screen.findByRole('list', { name: 'Silent' });
    expect(within(silent).getByText('ratings')).toBeInTheDocument();
    expect(
      within(silent).getByText(/declared via dependsOn/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Every dependency seen in traffic is declared.'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 silent')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Unknown peers' }),
    ).toHaveTextContent('istio-ingressgateway (istio-system, demo)');
    // The graph appears once its layout (a deferred task) is done.
    expect(
      await screen.findByRole('application', {
        name: 'Dependency graph of productpage',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Declared, no traffic')).toBeInTheDocument();
    expect(requested).toEqual(['productpage?window=10m']);
  });

  it("shows checkoutservice's undeclared call to emailservice", async () => {
    serve({ checkoutservice: checkoutserviceDependencies });
    render('checkoutservice');

    const undeclared = await screen.findByRole('list', { name: 'Undeclared' });
    expect(within(undeclared).getByText('emailservice')).toBeInTheDocument();
    expect(
      within(undeclared).getByText(/this entity calls it · 1.4 rps/),
    ).toBeInTheDocument();
    expect(screen.getByText('1 undeclared')).toBeInTheDocument();
    expect(
      screen.getByText('Every declared dependency carried traffic.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the route fails', async () => {
    serve({});
    render('productpage');

    expect(await screen.findByText(/no such entity/)).toBeInTheDocument();
  });
});
