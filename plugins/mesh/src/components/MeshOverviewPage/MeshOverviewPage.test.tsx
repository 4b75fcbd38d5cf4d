import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demo } from '../../__fixtures__/demo';
import { formatPercent } from '../../lib/format';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import {
  currentSearchParams,
  renderMeshView,
} from '../../__testUtils__/renderMeshView';
import { MeshOverviewPage } from './MeshOverviewPage';

let meshApi: FakeMeshApi;
const render = (url = '/') =>
  renderMeshView(<MeshOverviewPage />, { meshApi, url });
const total = demo.overview.entities.length;

describe('MeshOverviewPage', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('summarizes the mesh and lists every mapped entity', async () => {
    render();

    expect(
      await screen.findByText(`Entities (${total} of ${total})`),
    ).toBeInTheDocument();
    const { summary } = demo.overview;
    expect(
      screen.getByLabelText(
        `services meshed: ${summary.meshedWorkloads}/${summary.workloads}`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('namespaces STRICT: 1')).toBeInTheDocument();
    expect(
      screen.getByLabelText('namespaces PERMISSIVE: 2'),
    ).toBeInTheDocument();
    const [table] = screen.getAllByRole('table');
    for (const name of ['productpage', 'front-end', 'checkoutservice']) {
      expect(within(table).getByRole('link', { name })).toBeInTheDocument();
    }
    expect(
      screen.getByRole('application', { name: 'Mesh-wide traffic graph' }),
    ).toBeInTheDocument();
  });

  it('shows the entities that stand out, each with its owner, as the backend ranked them', async () => {
    render();

    const errors = await screen.findByRole('region', {
      name: 'Highest error rate',
    });
    const [top] = demo.insights.errorRate;
    const first = within(errors).getAllByRole('listitem')[0];
    expect(
      within(first).getByRole('link', { name: top.entityRef.split('/')[1] }),
    ).toBeInTheDocument();
    expect(
      within(first).getByRole('link', { name: top.owner!.split('/')[1] }),
    ).toBeInTheDocument();
    expect(first).toHaveTextContent(formatPercent(top.value));
    expect(
      within(
        screen.getByRole('region', { name: 'Largest traffic change' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(demo.insights.trafficChange.length);
    expect(meshApi.getInsights).toHaveBeenCalled();
  });

  it('groups the graph by system by default', async () => {
    render();

    expect(
      await screen.findByTestId('mesh-group-bookinfo'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('mesh-group-sock-shop')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'By owner' }));
    expect(
      await screen.findByTestId('mesh-group-bookinfo-team'),
    ).toBeInTheDocument();
    expect(currentSearchParams().get('groupBy')).toBe('owner');
  });

  it('filters the table (and the graph) from the URL', async () => {
    render('/?system=system:default/bookinfo');

    expect(
      await screen.findByText(`Entities (4 of ${total})`),
    ).toBeInTheDocument();
    const [table] = screen.getAllByRole('table');
    expect(
      within(table).getByRole('link', { name: 'ratings' }),
    ).toBeInTheDocument();
    expect(
      within(table).queryByRole('link', { name: 'front-end' }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByTestId('mesh-group-sock-shop'),
      ).not.toBeInTheDocument(),
    );
  });

  it('filters by a facet chosen in the filter bar', async () => {
    render();
    await screen.findByText(`Entities (${total} of ${total})`);

    await userEvent.click(screen.getByLabelText('Namespace'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'sock-shop' }),
    );

    const sockShop = demo.overview.entities.filter(e =>
      e.namespaces.includes('sock-shop'),
    ).length;
    expect(
      await screen.findByText(`Entities (${sockShop} of ${total})`),
    ).toBeInTheDocument();
    expect(currentSearchParams().getAll('namespace')).toEqual(['sock-shop']);
  });
});
