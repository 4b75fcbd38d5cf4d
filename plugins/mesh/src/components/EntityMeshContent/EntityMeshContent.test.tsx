import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { bookinfoGraph, reviewsEntity } from '../../__fixtures__/bookinfo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import {
  currentSearchParams,
  renderMeshView,
} from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from './EntityMeshContent';

let meshApi: FakeMeshApi;

function renderContent(
  entity: Entity = reviewsEntity,
  url = '/',
  catalogEntities: Entity[] = [],
) {
  return renderMeshView(<EntityMeshContent />, {
    meshApi,
    entity,
    url,
    catalogEntities,
  });
}

const node = (name: string) => screen.findByTestId(`mesh-node-${name}`);

describe('EntityMeshContent', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('renders the traffic graph of the entity with health, focus and flags', async () => {
    renderContent();

    for (const name of [
      'productpage-v1',
      'details-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'ratings-v1',
    ]) {
      expect(await node(name)).toHaveTextContent(name);
    }
    expect(meshApi.getEntityGraph).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'reviews' },
      { window: '10m', hops: 2, graphType: 'workload' },
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
    // mongodb-v1 maps to no entity: it is marked as not in the catalog.
    expect(
      within(screen.getByTestId('mesh-node-mongodb-v1')).getByTitle(
        'Not in the catalog: no entity maps to this workload',
      ),
    ).toBeInTheDocument();
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
    meshApi.getEntityGraph.mockResolvedValue({
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
    expect(await node('reviews-v1')).toBeInTheDocument();
  });

  it('explains an empty graph, telling a mapping problem from a traffic problem', async () => {
    meshApi.getEntityGraph.mockResolvedValueOnce({
      ...bookinfoGraph,
      nodes: [],
      edges: [],
    });
    const { unmount } = await renderContent();
    expect(
      await screen.findByText('No traffic seen for reviews in the last 10m'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/3 workload\(s\) match app=reviews/),
    ).toBeInTheDocument();
    unmount();

    meshApi.getEntityGraph.mockResolvedValueOnce({
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

  it('explains an ambiguous name mapping instead of showing an empty graph', async () => {
    meshApi.getEntityGraph.mockResolvedValueOnce({
      ...bookinfoGraph,
      nodes: [],
      edges: [],
      mapping: {
        entityRef: 'component:default/reviews',
        labelSelector: '',
        canonicalService: 'reviews',
        ambiguous: ['east/bookinfo', 'east/staging'],
        workloads: [],
        errors: [],
      },
    });
    renderContent({
      ...reviewsEntity,
      metadata: { name: 'reviews', namespace: 'default' },
    });
    expect(
      await screen.findByText(
        /its name is the Istio canonical service of workloads in 2 places \(east\/bookinfo, east\/staging\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/backstage.io\/kubernetes-namespace/),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the request fails', async () => {
    meshApi.getEntityGraph.mockRejectedValue(
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
    // An API is not mapped by name (Components and Resources are).
    renderContent({
      ...reviewsEntity,
      kind: 'API',
      metadata: { name: 'reviews', namespace: 'default' },
    });

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(meshApi.getEntityGraph).not.toHaveBeenCalled();
  });

  it('reloads with the chosen window, keeps it in the URL, and refreshes on demand', async () => {
    renderContent();
    await node('reviews-v1');

    await userEvent.selectOptions(screen.getByLabelText('Window'), '1h');
    await waitFor(() =>
      expect(meshApi.getEntityGraph).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ window: '1h' }),
      ),
    );
    expect(currentSearchParams().get('window')).toBe('1h');
    const calls = meshApi.getEntityGraph.mock.calls.length;

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );
    await waitFor(() =>
      expect(meshApi.getEntityGraph).toHaveBeenCalledTimes(calls + 1),
    );
  });

  it('switches the graph type and hops from the toolbar', async () => {
    renderContent();
    await node('reviews-v1');

    await userEvent.click(screen.getByRole('button', { name: 'App' }));
    await userEvent.click(screen.getByRole('button', { name: '1 hop' }));

    await waitFor(() =>
      expect(meshApi.getEntityGraph).toHaveBeenLastCalledWith(
        expect.anything(),
        { window: '10m', hops: 1, graphType: 'app' },
      ),
    );
    expect(currentSearchParams().get('graphType')).toBe('app');
    expect(currentSearchParams().get('hops')).toBe('1');
  });

  it('restores the view state from the URL', async () => {
    renderContent(reviewsEntity, '/?window=30m&labels=p95');

    await node('reviews-v3');
    expect(meshApi.getEntityGraph).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ window: '30m' }),
    );
    // jsdom does not lay out, so React Flow draws no edges there; the chosen labels show in the toolbar.
    expect(screen.getByRole('button', { name: 'p95 latency' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Requests/s' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('switches sub-views with the tabs and keeps the choice in the URL', async () => {
    renderContent();
    await node('reviews-v1');

    await userEvent.click(screen.getByRole('tab', { name: 'Health' }));

    expect(await screen.findByText('Health of reviews')).toBeInTheDocument();
    expect(currentSearchParams().get('view')).toBe('health');
    expect(meshApi.getEntityHealth).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'reviews' }),
      { window: '10m' },
    );
  });
});
