import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { reviewsEntity } from '../../__fixtures__/bookinfo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import {
  EntityMeshGraphCard,
  EntityMeshHealthCard,
  EntityMeshMtlsCard,
} from '.';

let meshApi: FakeMeshApi;
const render = (element: JSX.Element, entity: Entity = reviewsEntity) =>
  renderMeshView(element, { meshApi, entity });

describe('Overview cards', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('health card: status with reasons and golden signals, linking to the Health view', async () => {
    render(<EntityMeshHealthCard />);

    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Health reasons' }),
    ).toHaveTextContent('5xx 0.3% of outbound HTTP');
    // From the Bookinfo graph: 10 rps into reviews-v1..v3, of which 0.576 rps failed.
    expect(screen.getByText('10 rps')).toBeInTheDocument();
    expect(screen.getByText('5.8%')).toBeInTheDocument();
    expect(screen.getByText('1.25 s')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in the Mesh tab/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/reviews/mesh?view=health',
    );
    expect(meshApi.getEntityGraph).toHaveBeenCalledWith(expect.anything(), {
      window: '10m',
      hops: 1,
    });
  });

  it('mTLS card: inbound share, namespace modes and workload modes', async () => {
    render(<EntityMeshMtlsCard />);

    expect(await screen.findByText('bookinfo: STRICT')).toBeInTheDocument();
    expect(screen.getByText('1 plain text refused')).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Inbound traffic over mTLS')).getByText(
        '100%',
      ),
    ).toBeInTheDocument();
  });

  it('graph card: the one-hop neighbourhood', async () => {
    render(<EntityMeshGraphCard />);

    expect(
      await screen.findByRole('application', {
        name: 'Neighbourhood of reviews',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('mesh-node-reviews-v2'),
    ).toBeInTheDocument();
  });

  it('says who owns an entity whose mesh data is withheld, and how to ask, instead of a 403 line', async () => {
    const denied = Object.assign(
      new Error('Request failed with 403 Forbidden'),
      {
        name: 'ResponseError',
        statusCode: 403,
      },
    );
    meshApi.getEntityHealth.mockRejectedValue(denied);
    meshApi.getEntityGraph.mockRejectedValue(denied);
    render(<EntityMeshHealthCard />, {
      ...reviewsEntity,
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/bookinfo-team' },
      ],
    });

    const state = await screen.findByRole('status', { name: 'Access denied' });
    expect(state).toHaveTextContent(
      'You can see reviews in the catalog, but not its mesh data',
    );
    expect(
      within(state).getByRole('link', { name: 'bookinfo-team' }),
    ).toBeInTheDocument();
    expect(state).toHaveTextContent('mesh.entity.read');
    expect(screen.queryByText(/403 Forbidden/)).not.toBeInTheDocument();
  });

  it('asks for the annotation on entities without mapping', async () => {
    // An API is not mapped by name (Components and Resources are).
    render(<EntityMeshHealthCard />, {
      ...reviewsEntity,
      kind: 'API',
      metadata: { name: 'reviews' },
    });

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(meshApi.getEntityHealth).not.toHaveBeenCalled();
  });
});
