import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { bookinfoGraph } from '../../__fixtures__/bookinfo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from './EntityMeshContent';

let meshApi: FakeMeshApi;

const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'team-a' },
  relations: ['reviews', 'ratings'].map(part => ({
    type: 'hasPart',
    targetRef: `component:default/${part}`,
  })),
});

describe('EntityMeshContent on a System', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('asks the backend for the System itself, once, and draws its answer', async () => {
    meshApi.getEntityGraph.mockResolvedValue({
      ...bookinfoGraph,
      mapping: {
        ...bookinfoGraph.mapping,
        entityRef: 'system:default/bookinfo',
      },
    });
    renderMeshView(<EntityMeshContent />, {
      meshApi,
      entity: system('bookinfo'),
    });

    expect(await screen.findByTestId('mesh-node-ratings-v1')).toBeVisible();
    // The server answers for the System (issue 13): no request per Component, no merging here.
    const asked = meshApi.getEntityGraph.mock.calls.map(
      ([ref]) => `${ref.kind}:${ref.name}`,
    );
    expect(asked).toEqual(['System:bookinfo']);
  });

  it('explains a System none of whose Components maps to workloads', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message:
            'system:default/empty has no mesh data: none of its Components maps to workloads',
        },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'content-type': 'application/json' } },
    );
    meshApi.getEntityGraph.mockRejectedValue(
      await ResponseError.fromResponse(response),
    );
    renderMeshView(<EntityMeshContent />, {
      meshApi,
      entity: system('empty'),
    });

    expect(await screen.findByText('No mesh data to show')).toBeVisible();
    expect(
      screen.getByText(
        'system:default/empty has no mesh data: none of its Components maps to workloads',
      ),
    ).toBeVisible();
  });
});
