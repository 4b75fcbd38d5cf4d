import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { GraphGrouping } from '../lib/groupNodes';
import {
  parseRollupViewState,
  RollupViewState,
  writeRollupViewState,
} from '../lib/rollupViewState';

/** View state of the team tab and the overview page, kept in the URL (history entries replaced). */
export function useRollupViewState(
  defaultGrouping: GraphGrouping,
): [RollupViewState, (patch: Partial<RollupViewState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(
    () => parseRollupViewState(params, defaultGrouping),
    [params, defaultGrouping],
  );
  const update = useCallback(
    (patch: Partial<RollupViewState>) =>
      setParams(
        current =>
          writeRollupViewState(
            { ...parseRollupViewState(current, defaultGrouping), ...patch },
            current,
            defaultGrouping,
          ),
        { replace: true },
      ),
    [setParams, defaultGrouping],
  );
  return [state, update];
}
