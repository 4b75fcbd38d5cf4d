/*
 * The backend's mesh model (issue 15) answers "warming up" until its first refresh: the Mesh tab
 * says so instead of drawing a graph without traffic, and asks again by itself. The backend answer
 * is the fake API's (see __testUtils__).
 */
import { screen, waitFor } from '@testing-library/react';
import { bookinfoGraph, reviewsEntity } from '../../__fixtures__/bookinfo';
import { createFakeMeshApi } from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from '../EntityMeshContent/EntityMeshContent';

const TITLE = "Collecting the mesh's traffic";

it('shows the warming-up state, then the graph once the model answers', async () => {
  jest.useFakeTimers({ advanceTimers: true });
  const meshApi = createFakeMeshApi();
  meshApi.getEntityGraph
    .mockResolvedValueOnce({
      ...bookinfoGraph,
      edges: [],
      telemetry: { state: 'warmingUp' },
    })
    .mockResolvedValue({
      ...bookinfoGraph,
      telemetry: {
        state: 'model',
        dataTime: '2026-01-01T00:00:00Z',
        dataAgeSeconds: 3,
      },
    });
  renderMeshView(<EntityMeshContent />, { meshApi, entity: reviewsEntity });

  expect(await screen.findByText(TITLE)).toBeInTheDocument();
  jest.advanceTimersByTime(6_000);
  await waitFor(() =>
    expect(screen.queryByText(TITLE)).not.toBeInTheDocument(),
  );
  expect(meshApi.getEntityGraph).toHaveBeenCalledTimes(2);
  jest.useRealTimers();
});
