import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { reviewsEntity } from '../../__fixtures__/bookinfo';
import { demo } from '../../__fixtures__/demo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from '../EntityMeshContent';

let meshApi: FakeMeshApi;
const render = () =>
  renderMeshView(<EntityMeshContent />, {
    meshApi,
    entity: reviewsEntity,
    url: '/?view=config',
  });

describe('ConfigView', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('lists the objects affecting the entity with why they apply, Istio objects first', async () => {
    render();

    expect(
      await screen.findByText('Objects affecting this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('7 objects, 0 invalid; 0 errors, 0 warnings'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('VirtualService');
    expect(rows[0]).toHaveTextContent('applies to its host, routes to it');
    expect(rows[rows.length - 1]).not.toHaveTextContent(
      /VirtualService|DestinationRule/,
    );
    expect(
      screen.getByText('Not reported, by configuration: KIA1301.'),
    ).toBeInTheDocument();
  });

  it('shows validation findings with code, message and field', async () => {
    meshApi.getEntityConfig.mockResolvedValue({
      ...demo.reviewsConfig,
      summary: { ...demo.reviewsConfig.summary, invalidObjects: 1, errors: 1 },
      objects: demo.reviewsConfig.objects.map(o =>
        o.ref.kind === 'DestinationRule'
          ? {
              ...o,
              valid: false,
              checks: [
                {
                  code: 'KIA0203',
                  severity: 'error',
                  message:
                    'This subset’s labels are not found in any matching host',
                  path: 'spec/subsets[2]',
                },
              ],
            }
          : o,
      ),
    });
    render();

    const findings = await screen.findByRole('list', { name: 'Findings' });
    expect(findings).toHaveTextContent(
      'KIA0203: This subset’s labels are not found in any matching host',
    );
    expect(findings).toHaveTextContent('at spec/subsets[2]');
    expect(
      screen.getByText('7 objects, 1 invalid; 1 error, 0 warnings'),
    ).toBeInTheDocument();
  });

  it('shows the YAML of an Istio object', async () => {
    render();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'YAML of DestinationRule reviews',
      }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'DestinationRule bookinfo/reviews (cluster demo)',
      ),
    ).toBeInTheDocument();
    // The code view loads its highlighter lazily.
    await waitFor(() =>
      expect(dialog).toHaveTextContent('kind: DestinationRule'),
    );
    expect(dialog).toHaveTextContent('mode: ISTIO_MUTUAL');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
  });

  it("lists the entity's workloads with pods, proxies and Services", async () => {
    render();

    const table = (
      await screen.findByRole('heading', { name: 'Workloads' })
    ).closest('.MuiPaper-root') as HTMLElement;
    const row = await within(table).findByRole('row', {
      name: /Deployment bookinfo\/reviews-v2/,
    });
    expect(row).toHaveTextContent('1/2 ready');
    expect(row).toHaveTextContent('reviews (http)');
    expect(row).toHaveTextContent('label selector');
  });
});
