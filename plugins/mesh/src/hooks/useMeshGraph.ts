import { useCallback, useEffect } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  MeshEntityGraphResponse,
  MeshGraphType,
} from '@internal/plugin-mesh-common';
import { meshApiRef } from '../api';

/** How often the graph refetches while auto-refresh is on. */
export const AUTO_REFRESH_INTERVAL_MS = 30_000;

export interface UseMeshGraphOptions {
  /** Rate window, e.g. `10m`; changing it refetches at once. */
  window: string;
  hops?: number;
  graphType?: MeshGraphType;
  /** Refetch every {@link AUTO_REFRESH_INTERVAL_MS} while true. */
  autoRefresh: boolean;
}

export interface UseMeshGraphResult {
  /** The latest graph; kept while a refresh is in flight so the view does not flicker. */
  value?: MeshEntityGraphResponse;
  loading: boolean;
  error?: Error;
  /** Fetches again now (refresh button, retry after an error). */
  retry: () => void;
}

/** Loads an entity's traffic graph and keeps it fresh. */
export function useMeshGraph(
  entityRef: CompoundEntityRef,
  { window, hops, graphType, autoRefresh }: UseMeshGraphOptions,
): UseMeshGraphResult {
  const meshApi = useApi(meshApiRef);
  const { kind, namespace, name } = entityRef;

  // useAsyncFn (rather than useAsync) keeps the previous value while reloading and ignores
  // answers to superseded calls, so a slow old response can never overwrite a newer one.
  const [state, fetchGraph] = useAsyncFn(
    () =>
      meshApi.getEntityGraph(
        { kind, namespace, name },
        { window, hops, graphType },
      ),
    [meshApi, kind, namespace, name, window, hops, graphType],
    { loading: true },
  );

  useEffect(() => {
    fetchGraph();
  }, [fetchGraph]);

  useInterval(fetchGraph, autoRefresh ? AUTO_REFRESH_INTERVAL_MS : null);

  const retry = useCallback(() => {
    fetchGraph();
  }, [fetchGraph]);

  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    retry,
  };
}
