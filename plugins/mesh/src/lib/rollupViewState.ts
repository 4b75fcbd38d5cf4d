/*
 * URL view state of the team tab and the catalog-wide overview page: window, auto-refresh, graph
 * grouping and table filters. Pure, like viewState.ts.
 */
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import { ENTITY_FACETS, EntityFilters } from './entityFilters';
import { GRAPH_GROUPINGS, GraphGrouping } from './groupNodes';
import { validWindow } from './viewState';

export interface RollupViewState {
  window: string;
  autoRefresh: boolean;
  grouping: GraphGrouping;
  filters: EntityFilters;
}

export function parseRollupViewState(
  params: URLSearchParams,
  defaultGrouping: GraphGrouping,
): RollupViewState {
  const grouping = params.get('groupBy') as GraphGrouping | null;
  const filters: EntityFilters = {};
  for (const facet of ENTITY_FACETS) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length) filters[facet] = values;
  }
  return {
    window: validWindow(params.get('window'), DEFAULT_GRAPH_WINDOW),
    autoRefresh: params.get('refresh') !== 'off',
    grouping:
      grouping && GRAPH_GROUPINGS.includes(grouping)
        ? grouping
        : defaultGrouping,
    filters,
  };
}

export function writeRollupViewState(
  state: RollupViewState,
  current: URLSearchParams,
  defaultGrouping: GraphGrouping,
): URLSearchParams {
  const next = new URLSearchParams(current);
  ['window', 'refresh', 'groupBy', ...ENTITY_FACETS].forEach(key =>
    next.delete(key),
  );
  if (state.window !== DEFAULT_GRAPH_WINDOW) next.set('window', state.window);
  if (!state.autoRefresh) next.set('refresh', 'off');
  if (state.grouping !== defaultGrouping) next.set('groupBy', state.grouping);
  for (const facet of ENTITY_FACETS) {
    state.filters[facet]?.forEach(value => next.append(facet, value));
  }
  return next;
}
