import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bookinfoTeamEntity } from '../../__fixtures__/bookinfo';
import { demo } from '../../__fixtures__/demo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import {
  currentSearchParams,
  renderMeshView,
} from '../../__testUtils__/renderMeshView';
import { EntityTeamMeshContent } from './EntityTeamMeshContent';

const team = bookinfoTeamEntity;

let meshApi: FakeMeshApi;
const render = () =>
  renderMeshView(<EntityTeamMeshContent />, { meshApi, entity: team });

describe('EntityTeamMeshContent', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it("lists the team's services with health, traffic and config findings, worst first", async () => {
    meshApi.getEntityConfig.mockImplementation(async ref => ({
      ...demo.reviewsConfig,
      summary: {
        ...demo.reviewsConfig.summary,
        ...(ref.name === 'reviews' ? { errors: 2, warnings: 1 } : {}),
      },
    }));
    render();

    expect(
      await screen.findByText('Services of Bookinfo team (4)'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    // ratings fails, so it comes first.
    expect(rows[0]).toHaveTextContent('ratings');
    expect(rows[0]).toHaveTextContent('Failure');
    const reviews = rows.find(r => within(r).queryByText('reviews'))!;
    expect(
      await within(reviews).findByText('2 errors, 1 warnings'),
    ).toBeInTheDocument();
    expect(meshApi.getTeam).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'bookinfo-team' },
      { window: '10m' },
    );
    expect(meshApi.getEntityConfig).toHaveBeenCalledTimes(4);
  });

  it("shows the team's posture and graph", async () => {
    render();

    expect(
      await screen.findByText('Mesh posture of Bookinfo team'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('workloads in the mesh: 100%'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('application', {
        name: 'Traffic graph of Bookinfo team',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('mesh-node-productpage'),
    ).toBeInTheDocument();
  });

  it('sorts by a column on demand', async () => {
    render();
    await screen.findByText('Services of Bookinfo team (4)');

    await userEvent.click(
      screen.getByRole('columnheader', { name: 'p95' }).querySelector('span')!,
    );
    const p95s = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[7].textContent);
    const ms = p95s.map(t => Number(t?.replace(' ms', '')));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
  });

  it('keeps the window in the URL and explains a team without mapped services', async () => {
    meshApi.getTeam.mockResolvedValue({ ...demo.bookinfoTeam, components: [] });
    render();

    expect(
      await screen.findByText('No component of Bookinfo team is in the mesh'),
    ).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Window'), '1h');
    await waitFor(() =>
      expect(meshApi.getTeam).toHaveBeenLastCalledWith(expect.anything(), {
        window: '1h',
      }),
    );
    expect(currentSearchParams().get('window')).toBe('1h');
  });
});
