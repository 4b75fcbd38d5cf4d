import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { bookinfoGraph } from '../../__fixtures__/bookinfo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from './EntityMeshContent';

let meshApi: FakeMeshApi;

function renderContent(entity: Entity, catalogEntities: Entity[] = []) {
  return renderMeshView(<EntityMeshContent />, {
    meshApi,
    entity,
    catalogEntities,
  });
}

const node = (name: string) => screen.findByTestId(`mesh-node-${name}`);

describe('EntityMeshContent on a System', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('shows a System as the union of its mapped Components', async () => {
    const component = (name: string, annotated: boolean): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        ...(annotated
          ? { annotations: { 'backstage.io/kubernetes-id': name } }
          : {}),
      },
      spec: {
        type: 'service',
        owner: 'team-a',
        lifecycle: 'production',
        system: 'bookinfo',
      },
    });
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'bookinfo', namespace: 'default' },
      spec: { owner: 'team-a' },
      relations: ['reviews', 'ratings', 'docs'].map(name => ({
        type: 'hasPart',
        targetRef: `component:default/${name}`,
      })),
    };
    meshApi.getEntityGraph.mockImplementation(async ref => ({
      ...bookinfoGraph,
      // Each Component's graph marks only its own workloads as focus.
      nodes: bookinfoGraph.nodes.map(n => ({
        ...n,
        isFocus: n.entityRef === `component:default/${ref.name}`,
      })),
    }));

    renderContent(system, [
      component('reviews', true),
      component('ratings', true),
      component('docs', false),
    ]);

    expect(await node('ratings-v1')).toHaveAttribute('data-focus', 'true');
    expect(screen.getByTestId('mesh-node-reviews-v2')).toHaveAttribute(
      'data-focus',
      'true',
    );
    expect(screen.getByTestId('mesh-node-details-v1')).toHaveAttribute(
      'data-focus',
      'false',
    );
    const asked = meshApi.getEntityGraph.mock.calls
      .map(([ref]) => ref.name)
      .sort();
    // The unannotated Component is asked for too: the backend maps it by name (issue 16).
    expect(asked).toEqual(['docs', 'ratings', 'reviews']);
  });

  it('explains a System none of whose Components is mapped', async () => {
    renderContent({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'empty' },
      spec: {},
    });

    expect(
      await screen.findByText(
        "None of empty's components is mapped to workloads",
      ),
    ).toBeInTheDocument();
    expect(meshApi.getEntityGraph).not.toHaveBeenCalled();
  });
});
