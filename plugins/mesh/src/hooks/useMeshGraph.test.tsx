import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { MeshApi, meshApiRef } from '../api';
import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { AUTO_REFRESH_INTERVAL_MS, useMeshGraph } from './useMeshGraph';

const reviews = { kind: 'Component', namespace: 'default', name: 'reviews' };

describe('useMeshGraph', () => {
  // Test double of the mesh API: records calls and answers with the Bookinfo fixture.
  const getEntityGraph = jest.fn<
    ReturnType<MeshApi['getEntityGraph']>,
    Parameters<MeshApi['getEntityGraph']>
  >();
  // One instance for all renders, as in an app: a new object would count as a new API.
  const meshApi: MeshApi = { getEntityGraph };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[meshApiRef, meshApi]]}>{children}</TestApiProvider>
  );

  beforeEach(() => {
    jest.useFakeTimers();
    getEntityGraph.mockReset().mockResolvedValue(bookinfoGraph);
  });
  afterEach(() => jest.useRealTimers());

  it('loads the graph for the window and reloads when it changes', async () => {
    const { result, rerender } = renderHook(
      ({ window }) => useMeshGraph(reviews, { window, autoRefresh: false }),
      { wrapper, initialProps: { window: '10m' } },
    );

    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toBe(bookinfoGraph));
    expect(getEntityGraph).toHaveBeenLastCalledWith(reviews, {
      window: '10m',
      hops: undefined,
      graphType: undefined,
    });

    rerender({ window: '1h' });
    await waitFor(() => expect(getEntityGraph).toHaveBeenCalledTimes(2));
    expect(getEntityGraph).toHaveBeenLastCalledWith(
      reviews,
      expect.objectContaining({ window: '1h' }),
    );
  });

  it('refreshes periodically only while auto-refresh is on', async () => {
    const { result, rerender } = renderHook(
      ({ autoRefresh }) =>
        useMeshGraph(reviews, { window: '10m', autoRefresh }),
      { wrapper, initialProps: { autoRefresh: true } },
    );
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(getEntityGraph).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(AUTO_REFRESH_INTERVAL_MS);
    });
    expect(getEntityGraph).toHaveBeenCalledTimes(2);

    rerender({ autoRefresh: false });
    await act(async () => {
      jest.advanceTimersByTime(3 * AUTO_REFRESH_INTERVAL_MS);
    });
    expect(getEntityGraph).toHaveBeenCalledTimes(2);
  });

  it('exposes errors and recovers on retry', async () => {
    getEntityGraph.mockRejectedValueOnce(new Error('backend down'));
    const { result } = renderHook(
      () => useMeshGraph(reviews, { window: '10m', autoRefresh: false }),
      { wrapper },
    );

    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend down'),
    );

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.value).toBe(bookinfoGraph));
    expect(result.current.error).toBeUndefined();
  });
});
