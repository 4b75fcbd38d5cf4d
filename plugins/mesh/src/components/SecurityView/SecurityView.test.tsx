import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { reviewsEntity } from '../../__fixtures__/bookinfo';
import { demo } from '../../__fixtures__/demo';
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
const render = () =>
  renderMeshView(<EntityMeshContent />, {
    meshApi,
    entity: reviewsEntity,
    url: '/?view=security',
  });

describe('SecurityView', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('shows the mTLS share of traffic, mesh, namespace and workload status', async () => {
    render();

    expect(
      await screen.findByText('Inbound traffic over mTLS'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('100%').length).toBeGreaterThanOrEqual(2);
    const mesh = screen.getByRole('row', { name: /^Mesh/ });
    expect(mesh).toHaveTextContent('mTLS not enabled');
    expect(mesh).toHaveTextContent(
      'PERMISSIVE: mTLS and plain text accepted, auto mTLS on',
    );
    const namespace = screen.getByRole('row', { name: /^Namespace/ });
    expect(namespace).toHaveTextContent('STRICT: only mTLS accepted');
    expect(namespace).toHaveTextContent('PeerAuthentication bookinfo/default');
    const workload = screen.getByRole('row', {
      name: /productpage-v1 \(bookinfo, demo\)/,
    });
    expect(workload).toHaveTextContent('Plain text refused');
    expect(workload).toHaveTextContent('productpage: ISTIO_MUTUAL');
  });

  it('warns about plain-text edges', async () => {
    const { productpageSecurity } = demo;
    meshApi.getEntitySecurity.mockResolvedValue({
      ...productpageSecurity,
      traffic: {
        ...productpageSecurity.traffic,
        plaintextEdges: [
          {
            direction: 'inbound',
            source: {
              cluster: 'demo',
              namespace: 'load',
              name: 'loadgenerator',
              type: 'workload',
              isOutOfMesh: true,
            },
            destination: {
              cluster: 'demo',
              namespace: 'bookinfo',
              name: 'productpage-v1',
              type: 'workload',
            },
            protocol: 'http',
            rps: 2,
            mtls: 0,
            evidence: 'inventory',
          },
        ],
      },
    });
    render();

    expect(
      await screen.findByText('Warning: 1 edge carries plain-text traffic'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'loadgenerator (load), out of mesh → productpage-v1 (bookinfo): HTTP 2 rps, an end has no proxy',
      ),
    ).toBeInTheDocument();
  });

  it('lists the security policies that apply and warns when no AuthorizationPolicy does', async () => {
    render();

    const table = (
      await screen.findByText('Security policies that apply')
    ).closest('.MuiPaper-root') as HTMLElement;
    expect(
      await within(table).findByText('PeerAuthentication'),
    ).toBeInTheDocument();
    expect(within(table).queryByText('VirtualService')).not.toBeInTheDocument();
    expect(
      screen.getByText(/No AuthorizationPolicy applies to these workloads/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Their YAML and findings in Istio config',
      }),
    );
    expect(currentSearchParams().get('view')).toBe('config');
  });
});
