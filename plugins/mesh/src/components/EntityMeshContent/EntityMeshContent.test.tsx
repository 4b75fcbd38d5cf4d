import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { MeshEntityGraphResponse } from '@internal/plugin-mesh-common';
import { MeshApi, meshApiRef } from '../../api';
import { bookinfoGraph, reviewsEntity } from '../../__fixtures__/bookinfo';
import { EntityMeshContent } from './EntityMeshContent';

// Test double of the mesh API: a jest mock instead of the HTTP client, so each test decides
// what the backend answers. MeshClient itself is covered by MeshClient.test.ts.
const getEntityGraph = jest.fn<
  Promise<MeshEntityGraphResponse>,
  Parameters<MeshApi['getEntityGraph']>
>();
const fakeMeshApi: MeshApi = { getEntityGraph };

function renderContent(entity: Entity = reviewsEntity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityMeshContent />
    </EntityProvider>,
    {
      apis: [[meshApiRef, fakeMeshApi]],
      // Node cards link to their owning entities.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityMeshContent', () => {
  beforeEach(() => {
    getEntityGraph.mockReset().mockResolvedValue(bookinfoGraph);
  });

  it('renders the graph nodes of the entity', async () => {
    renderContent();

    for (const name of [
      'productpage-v1',
      'details-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'ratings-v1',
    ]) {
      expect(await screen.findByTestId(`mesh-node-${name}`)).toHaveTextContent(
        name,
      );
    }
    expect(getEntityGraph).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'reviews' },
      expect.objectContaining({ window: '10m' }),
    );
    expect(screen.getByTestId('mesh-node-reviews-v3')).toHaveAttribute(
      'data-health',
      'failure',
    );
    expect(screen.getByTestId('mesh-node-reviews-v1')).toHaveAttribute(
      'data-focus',
      'true',
    );
    expect(screen.getByTestId('mesh-node-details-v1')).toHaveAttribute(
      'data-focus',
      'false',
    );
    expect(screen.getByTitle('Istio gateway')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("lists the focus workloads' edges in a table", async () => {
    renderContent();

    await screen.findByText("Traffic of this entity's workloads");
    const row = screen
      .getAllByRole('row')
      .find(
        r =>
          within(r).queryByText('productpage-v1 (bookinfo)') &&
          within(r).queryByText('reviews-v3 (bookinfo)'),
      )!;
    expect(row).toBeDefined();
    expect(within(row).getByText('15%')).toBeInTheDocument();
    expect(within(row).getByText('1.25 s')).toBeInTheDocument();
    expect(within(row).getByText('50%')).toBeInTheDocument();
    // Edges that do not touch the entity's workloads are not listed.
    expect(screen.queryByText('details-v1 (bookinfo)')).not.toBeInTheDocument();
  });

  it('shows per-source errors above a graph that is still rendered', async () => {
    getEntityGraph.mockResolvedValue({
      ...bookinfoGraph,
      errors: [
        {
          source: 'telemetry',
          errorType: 'TIMEOUT',
          cluster: 'west',
          message: 'Prometheus did not answer within 10s',
        },
      ],
    });

    renderContent();

    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('the graph may be incomplete');
    expect(warning).toHaveTextContent(
      'Telemetry (Prometheus) in cluster west: TIMEOUT — Prometheus did not answer within 10s',
    );
    expect(screen.getByTestId('mesh-node-reviews-v1')).toBeInTheDocument();
  });

  it('explains an empty graph', async () => {
    getEntityGraph.mockResolvedValue({
      ...bookinfoGraph,
      nodes: [],
      edges: [],
    });

    renderContent();

    expect(
      await screen.findByText('No traffic seen for reviews in the last 10m'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/3 workload\(s\) match app=reviews/),
    ).toBeInTheDocument();
  });

  it('explains an empty graph when no workload matches', async () => {
    getEntityGraph.mockResolvedValue({
      ...bookinfoGraph,
      nodes: [],
      edges: [],
      mapping: { ...bookinfoGraph.mapping, workloads: [] },
    });

    renderContent();

    expect(
      await screen.findByText(
        /No workload matches the label selector app=reviews/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the request fails', async () => {
    getEntityGraph.mockRejectedValue(
      new NotFoundError('Entity component:default/reviews maps to no workload'),
    );

    renderContent();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'maps to no workload',
    );
    expect(
      screen.queryByTestId('mesh-node-reviews-v1'),
    ).not.toBeInTheDocument();
  });

  it('asks for the annotation when the entity has no Kubernetes mapping', async () => {
    renderContent({
      ...reviewsEntity,
      metadata: { name: 'reviews', namespace: 'default' },
    });

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText('backstage.io/kubernetes-id').length,
    ).toBeGreaterThan(0);
    expect(getEntityGraph).not.toHaveBeenCalled();
  });

  it('accepts the label selector annotation instead of the id', async () => {
    renderContent({
      ...reviewsEntity,
      metadata: {
        name: 'reviews',
        annotations: {
          'backstage.io/kubernetes-label-selector': 'app=reviews',
        },
      },
    });

    expect(
      await screen.findByTestId('mesh-node-reviews-v1'),
    ).toBeInTheDocument();
  });

  it('reloads with the chosen window and on refresh', async () => {
    renderContent();
    await screen.findByTestId('mesh-node-reviews-v1');

    await userEvent.selectOptions(screen.getByLabelText('Window'), '1h');
    await waitFor(() =>
      expect(getEntityGraph).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ window: '1h' }),
      ),
    );
    const calls = getEntityGraph.mock.calls.length;

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );
    await waitFor(() =>
      expect(getEntityGraph).toHaveBeenCalledTimes(calls + 1),
    );
  });
});
