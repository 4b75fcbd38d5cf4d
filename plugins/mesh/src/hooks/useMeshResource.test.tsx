import { act, renderHook, waitFor } from '@testing-library/react';
import { AUTO_REFRESH_INTERVAL_MS, useMeshResource } from './useMeshResource';

describe('useMeshResource', () => {
  // Stands in for a MeshApi method: records calls and answers with the window it was asked for.
  const load = jest.fn(async (window: string) => ({ window }));

  beforeEach(() => {
    jest.useFakeTimers();
    load.mockClear();
  });
  afterEach(() => jest.useRealTimers());

  it('loads and reloads when its dependencies change', async () => {
    const { result, rerender } = renderHook(
      ({ window }) => useMeshResource(() => load(window), [window]),
      { initialProps: { window: '10m' } },
    );

    expect(result.current.loading).toBe(true);
    await waitFor(() =>
      expect(result.current.value).toEqual({ window: '10m' }),
    );

    rerender({ window: '1h' });
    await waitFor(() => expect(result.current.value).toEqual({ window: '1h' }));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps the previous value while reloading', async () => {
    let finish: (value: { window: string }) => void = () => {};
    const { result, rerender } = renderHook(
      ({ window }) => useMeshResource(() => load(window), [window]),
      { initialProps: { window: '10m' } },
    );
    await waitFor(() =>
      expect(result.current.value).toEqual({ window: '10m' }),
    );

    load.mockImplementationOnce(
      () => new Promise(resolve => (finish = resolve)),
    );
    rerender({ window: '1h' });
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value).toEqual({ window: '10m' });

    await act(async () => finish({ window: '1h' }));
    expect(result.current.value).toEqual({ window: '1h' });
  });

  it('refreshes periodically only while auto-refresh is on', async () => {
    const { result, rerender } = renderHook(
      ({ autoRefresh }) =>
        useMeshResource(() => load('10m'), [], { autoRefresh }),
      { initialProps: { autoRefresh: true } },
    );
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(load).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(AUTO_REFRESH_INTERVAL_MS);
    });
    expect(load).toHaveBeenCalledTimes(2);

    rerender({ autoRefresh: false });
    await act(async () => {
      jest.advanceTimersByTime(3 * AUTO_REFRESH_INTERVAL_MS);
    });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('exposes errors and recovers on retry', async () => {
    load.mockRejectedValueOnce(new Error('backend down'));
    const { result } = renderHook(() => useMeshResource(() => load('10m'), []));

    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend down'),
    );

    act(() => result.current.retry());
    await waitFor(() =>
      expect(result.current.value).toEqual({ window: '10m' }),
    );
    expect(result.current.error).toBeUndefined();
  });
});
