import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  EntityMeshViewState,
  parseEntityMeshViewState,
  writeEntityMeshViewState,
} from '../lib/viewState';

export type UpdateEntityMeshViewState = (
  patch: Partial<EntityMeshViewState>,
) => void;

/**
 * The entity Mesh tab's view state, read from and written to the URL. Switching sub-view adds a
 * history entry (the back button returns to the previous view); other changes replace the entry,
 * so that toggling labels does not fill the history.
 */
export function useEntityMeshViewState(): [
  EntityMeshViewState,
  UpdateEntityMeshViewState,
] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseEntityMeshViewState(params), [params]);
  const update = useCallback<UpdateEntityMeshViewState>(
    patch =>
      setParams(
        current =>
          writeEntityMeshViewState(
            { ...parseEntityMeshViewState(current), ...patch },
            current,
          ),
        { replace: !('view' in patch) },
      ),
    [setParams],
  );
  return [state, update];
}
