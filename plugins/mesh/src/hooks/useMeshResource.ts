import {
  DependencyList,
  useCallback,
  useDeferredValue,
  useEffect,
} from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';

/** How often mesh views refetch while auto-refresh is on. */
export const AUTO_REFRESH_INTERVAL_MS = 30_000;

/** How soon a view asks again while the backend's mesh model is warming up (no traffic yet). */
export const WARMING_UP_RETRY_MS = 5_000;

const isWarmingUp = (value: unknown) =>
  (value as { telemetry?: { state?: string } } | undefined)?.telemetry
    ?.state === 'warmingUp';

export interface MeshResource<T> {
  /** The latest answer; kept while a refresh is in flight so the view does not flicker. */
  value?: T;
  loading: boolean;
  error?: Error;
  /** Fetches again now (refresh button, retry after an error). */
  retry: () => void;
}

/**
 * Loads something from the mesh backend, again whenever `deps` change, and every
 * {@link AUTO_REFRESH_INTERVAL_MS} while `autoRefresh` is on.
 */
export function useMeshResource<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  options: { autoRefresh?: boolean } = {},
): MeshResource<T> {
  // useAsyncFn (rather than useAsync) keeps the previous value while reloading and ignores
  // answers to superseded calls, so a slow old response can never overwrite a newer one.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const [state, fetch] = useAsyncFn(load, deps, { loading: true });

  useEffect(() => {
    fetch();
  }, [fetch]);

  useInterval(fetch, options.autoRefresh ? AUTO_REFRESH_INTERVAL_MS : null);
  // An answer without traffic because the model's first refresh is running: ask again soon.
  useInterval(
    fetch,
    isWarmingUp(state.value) && !state.loading ? WARMING_UP_RETRY_MS : null,
  );

  const retry = useCallback(() => {
    fetch();
  }, [fetch]);

  // An answer is rendered in a transition: React renders a big one (a 500-node graph, its
  // tables) in slices between which the page answers input, instead of in one long task
  // (measured by `npm run bench:ui`). The whole state is deferred, so value, loading and
  // error always belong together.
  const shown = useDeferredValue(state);

  return {
    value: shown.value,
    loading: shown.loading,
    error: shown.error,
    retry,
  };
}
