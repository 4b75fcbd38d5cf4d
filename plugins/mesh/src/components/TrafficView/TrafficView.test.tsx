import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MeshEdge,
  MeshEntityGraphResponse,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';
import { bookinfoGraph, reviewsEntity } from '../../__fixtures__/bookinfo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import {
  currentSearchParams,
  renderMeshView,
} from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from '../EntityMeshContent';

let meshApi: FakeMeshApi;
const render = (url = '/') =>
  renderMeshView(<EntityMeshContent />, {
    meshApi,
    entity: reviewsEntity,
    url,
  });

const reviewsV2 = 'east/bookinfo/workload/reviews-v2';

/** A chain of `count` workloads, each calling the next, with `reviews-v1` as the entity's own. */
function bigGraph(count: number): MeshEntityGraphResponse {
  const nodes: MeshNode[] = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: 'workload',
    cluster: 'east',
    namespace: 'big',
    name: i === 0 ? 'reviews-v1' : `service-${i}`,
    health: { status: 'healthy', reasons: [] },
    isFocus: i === 0,
  }));
  const edges: MeshEdge[] = nodes.slice(1).map((n, i) => ({
    id: `e${i}`,
    source: nodes[i].id,
    target: n.id,
    protocol: 'http',
    rps: 1,
    errorRate: 0,
  }));
  return { ...bookinfoGraph, nodes, edges };
}

describe('TrafficView', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('hides what a hide expression matches, highlights finds, and keeps both in the URL', async () => {
    render('/?hide=name%20%3D%20details*&find=%25error%20%3E%200');

    expect(
      await screen.findByTestId('mesh-node-reviews-v2'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('mesh-node-details-v1'),
    ).not.toBeInTheDocument();
    expect(screen.getByText('1 nodes and 1 edges hidden')).toBeInTheDocument();

    const hide = screen.getByRole('textbox', { name: 'Hide' });
    await userEvent.clear(hide);
    await userEvent.type(hide, 'rps >{Enter}');
    expect(
      await screen.findByText(
        'Hide: Expected a value after ">" (at character 6)',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('mesh-node-details-v1'),
    ).toBeInTheDocument();
    expect(currentSearchParams().get('hide')).toBe('rps >');
    expect(currentSearchParams().get('find')).toBe('%error > 0');
  });

  it('opens the side panel with golden-signal charts when a node is clicked', async () => {
    render();

    // A plain click: React Flow's drag handling needs a real window on mousedown, which user-event omits.
    fireEvent.click(await screen.findByTestId('mesh-node-reviews-v2'));

    const panel = await screen.findByRole('complementary', {
      name: 'Selection details',
    });
    expect(
      within(panel).getByRole('heading', { name: 'reviews-v2' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText('5xx 2.0% of inbound HTTP'),
    ).toBeInTheDocument();
    const rpsChart = await within(panel).findByRole('figure', {
      name: 'Requests per second',
    });
    // The series reached the chart: recharts drew its line.
    expect(rpsChart.querySelector('.recharts-line-curve')).not.toBeNull();
    expect(
      within(panel).getByRole('figure', { name: 'Error rate' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('figure', { name: 'Latency' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('table', { name: 'Response codes' }),
    ).toHaveTextContent('200');
    expect(meshApi.getEntitySeries).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'reviews' }),
      {
        window: '10m',
        node: reviewsV2,
        graphType: 'workload',
      },
    );
    expect(currentSearchParams().get('selected')).toBe(`node:${reviewsV2}`);

    await userEvent.click(
      within(panel).getByRole('button', { name: 'Close details' }),
    );
    expect(
      screen.queryByRole('complementary', { name: 'Selection details' }),
    ).not.toBeInTheDocument();
    expect(currentSearchParams().get('selected')).toBeNull();
  });

  it('opens an edge from the URL and jumps to the traces through both of its ends', async () => {
    render('/?selected=edge:productpage-v1-%3Ereviews-v3');

    const panel = await screen.findByRole('complementary', {
      name: 'Selection details',
    });
    expect(
      within(panel).getByRole('heading', {
        name: 'productpage-v1 → reviews-v3',
      }),
    ).toBeInTheDocument();
    expect(within(panel).getByText('1.25 s')).toBeInTheDocument();
    expect(within(panel).getByText('50%')).toBeInTheDocument();
    expect(meshApi.getEntitySeries).toHaveBeenCalledWith(expect.anything(), {
      window: '10m',
      edge: 'productpage-v1->reviews-v3',
      graphType: 'workload',
    });

    await userEvent.click(
      within(panel).getByRole('button', { name: 'Traces of this edge' }),
    );

    await waitFor(() =>
      expect(currentSearchParams().get('view')).toBe('traces'),
    );
    expect(currentSearchParams().getAll('service')).toEqual([
      'productpage.bookinfo',
      'reviews.bookinfo',
    ]);
    expect(
      await screen.findByLabelText(
        'Filter: through productpage.bookinfo and reviews.bookinfo',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the selected element is not in the graph', async () => {
    render('/?selected=node:gone');
    expect(
      await screen.findByText(
        'This node is not in the graph for the current settings.',
      ),
    ).toBeInTheDocument();
  });

  it('asks what to focus on above the node cap, then shows that neighbourhood', async () => {
    meshApi.getEntityGraph.mockResolvedValue(bigGraph(200));
    render();

    expect(
      await screen.findByText('This graph has 200 nodes'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('mesh-node-service-1')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Focus on reviews-v1' }),
    );

    expect(
      await screen.findByText(
        'Showing the neighbourhood of reviews-v1: 3 of 200 nodes.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('mesh-node-service-2'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('mesh-node-service-3')).not.toBeInTheDocument();
    expect(currentSearchParams().get('focus')).toBe('n0');

    const rendered = () =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-testid^="mesh-node-service-"]',
        ),
      ]
        .map(el => el.dataset.testid)
        .join(' ');
    const neighbourhood = rendered();
    await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
    // All 200 are laid out, but above VIRTUALIZE_MIN_NODES only those in the viewport are rendered.
    await waitFor(
      () => {
        expect(rendered()).not.toBe(neighbourhood);
        expect(rendered()).not.toBe('');
      },
      { timeout: 5000 },
    );
    expect(rendered().split(' ').length).toBeLessThan(200);
    expect(currentSearchParams().get('all')).toBe('1');
  });
});
