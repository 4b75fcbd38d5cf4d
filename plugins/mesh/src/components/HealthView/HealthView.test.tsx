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
    url: '/?view=health',
  });

describe('HealthView', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('shows the overall status and, per item, status, reasons, replicas, proxy and traffic', async () => {
    meshApi.getEntityHealth.mockResolvedValue({
      ...demo.productpageHealth,
      items: demo.productpageHealth.items.map(item =>
        item.kind === 'workload'
          ? { ...item, replicas: { desired: 2, current: 2, available: 1 } }
          : item,
      ),
    });
    render();

    const overall = await screen.findByText('Health of reviews');
    expect(overall.closest('.MuiCard-root')).toHaveTextContent('Degraded');
    const row = screen.getByRole('row', {
      name: /productpage-v1 \(bookinfo, demo\)/,
    });
    expect(within(row).getByText('Degraded')).toBeInTheDocument();
    expect(
      within(row).getByText('5xx 0.3% of outbound HTTP (degraded at ≥ 0%)'),
    ).toBeInTheDocument();
    expect(within(row).getByText('1/2 available')).toBeInTheDocument();
    expect(within(row).getByText('Sidecar')).toBeInTheDocument();
    expect(within(row).getByText(/errors$/)).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /^Service/ })).toHaveTextContent(
      'Healthy',
    );
    expect(screen.getByText('How health is decided')).toBeInTheDocument();
    expect(
      screen.getByText(/HTTP 5xx responses: degraded at any, failure at ≥ 10%/),
    ).toBeInTheDocument();
  });

  it('reloads for another window', async () => {
    render();
    await screen.findByText('Health of reviews');

    await userEvent.selectOptions(screen.getByLabelText('Window'), '5m');

    await waitFor(() =>
      expect(meshApi.getEntityHealth).toHaveBeenLastCalledWith(
        expect.anything(),
        { window: '5m' },
      ),
    );
  });

  it('lists data sources that failed above the health', async () => {
    meshApi.getEntityHealth.mockResolvedValue({
      ...demo.productpageHealth,
      errors: [
        {
          source: 'inventory',
          errorType: 'FORBIDDEN',
          cluster: 'demo',
          message: 'pods: forbidden',
        },
      ],
    });
    render();

    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('the health may be incomplete');
    expect(warning).toHaveTextContent(
      'Kubernetes inventory in cluster demo: FORBIDDEN — pods: forbidden',
    );
    expect(screen.getByText('Health of reviews')).toBeInTheDocument();
  });
});
