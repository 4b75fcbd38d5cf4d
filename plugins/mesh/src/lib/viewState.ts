/*
 * View state of the mesh pages, kept in the URL's query string so that a view can be bookmarked,
 * shared and restored with the back button. Pure parsing and serialisation: unknown or invalid
 * values fall back to the defaults, and defaults are left out of the URL to keep links short.
 */
import {
  DEFAULT_GRAPH_WINDOW,
  DEFAULT_TRACE_LOOKBACK,
  MESH_GRAPH_TYPES,
  MeshGraphType,
  parseWindow,
} from '@mesh-portal/plugin-mesh-common';
import { EdgeLabelMetric } from './toFlowElements';

/** Sub-views of the entity Mesh tab, in tab order. */
export const MESH_VIEWS = [
  'traffic',
  'health',
  'security',
  'config',
  'traces',
  'dependencies',
] as const;
export type MeshView = (typeof MESH_VIEWS)[number];

export const EDGE_LABEL_METRICS: readonly EdgeLabelMetric[] = [
  'rps',
  'errorRate',
  'p95',
  'mtls',
];

/** Hops of callers and callees the graph shows (the backend accepts up to 3; 3 is rarely readable). */
export const GRAPH_HOPS = [1, 2] as const;

export const TRACE_LOOKBACK_CHOICES = ['15m', '1h', '6h', '1d'];

/** A selected graph element; ids are the graph's own. */
export type GraphSelection = { kind: 'node' | 'edge'; id: string };

export interface EntityMeshViewState {
  view: MeshView;
  window: string;
  graphType: MeshGraphType;
  hops: number;
  edgeLabel: EdgeLabelMetric;
  /** A second metric on the edges (e.g. p95 beside the rate). */
  secondEdgeLabel?: EdgeLabelMetric;
  /** Find and hide expressions of the graph tools (see graphFind). */
  find?: string;
  hide?: string;
  hideIdle: boolean;
  /** Moving dots on edges with traffic. */
  animate: boolean;
  autoRefresh: boolean;
  selection?: GraphSelection;
  /** Node whose neighbourhood is shown when the graph is over the node cap. */
  focusNode?: string;
  /** The user chose to draw every node despite the cap. */
  showAllNodes: boolean;
  traceLookback: string;
  traceErrorsOnly: boolean;
  /** Minimum trace duration in the API's syntax, e.g. `100ms`. */
  traceMinDuration?: string;
  /** Open trace. */
  traceId?: string;
  /** Only traces that pass through all these tracing services (an edge's two ends). */
  traceServices: string[];
}

export const DEFAULT_ENTITY_MESH_VIEW_STATE: EntityMeshViewState = {
  view: 'traffic',
  window: DEFAULT_GRAPH_WINDOW,
  graphType: 'workload',
  hops: 2,
  edgeLabel: 'rps',
  hideIdle: false,
  animate: true,
  autoRefresh: true,
  showAllNodes: false,
  traceLookback: DEFAULT_TRACE_LOOKBACK,
  traceErrorsOnly: false,
  traceServices: [],
};

function oneOf<T extends string | number>(
  value: string | null,
  allowed: readonly T[],
  fallback: T,
): T {
  const match = allowed.find(choice => String(choice) === value);
  return match ?? fallback;
}

/** A rate window the backend accepts, else the fallback. */
export function validWindow(value: string | null, fallback: string): string {
  return value && !('error' in parseWindow(value)) ? value : fallback;
}

function parseSelection(value: string | null): GraphSelection | undefined {
  const match = /^(node|edge):(.+)$/.exec(value ?? '');
  return match
    ? { kind: match[1] as GraphSelection['kind'], id: match[2] }
    : undefined;
}

/** Longest find/hide expression kept from a URL. */
const MAX_EXPRESSION = 500;

const MIN_DURATION_PATTERN = /^[0-9]{1,10}(us|ms|s|m)$/;
const TRACE_ID_PATTERN = /^([0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/;

export function parseEntityMeshViewState(
  params: URLSearchParams,
): EntityMeshViewState {
  const defaults = DEFAULT_ENTITY_MESH_VIEW_STATE;
  const minDuration = params.get('minDuration');
  const traceId = params.get('trace');
  return {
    view: oneOf(params.get('view'), MESH_VIEWS, defaults.view),
    window: validWindow(params.get('window'), defaults.window),
    graphType: oneOf(params.get('graphType'), MESH_GRAPH_TYPES, 'workload'),
    hops: oneOf(params.get('hops'), GRAPH_HOPS, 2),
    edgeLabel: oneOf(params.get('labels'), EDGE_LABEL_METRICS, 'rps'),
    secondEdgeLabel:
      EDGE_LABEL_METRICS.find(m => m === params.get('labels2')) ?? undefined,
    find: params.get('find')?.slice(0, MAX_EXPRESSION) || undefined,
    hide: params.get('hide')?.slice(0, MAX_EXPRESSION) || undefined,
    hideIdle: params.get('idle') === 'hide',
    animate: params.get('animate') !== 'off',
    autoRefresh: params.get('refresh') !== 'off',
    selection: parseSelection(params.get('selected')),
    focusNode: params.get('focus') || undefined,
    showAllNodes: params.get('all') === '1',
    traceLookback: validWindow(params.get('lookback'), defaults.traceLookback),
    traceErrorsOnly: params.get('errors') === '1',
    traceMinDuration:
      minDuration && MIN_DURATION_PATTERN.test(minDuration)
        ? minDuration
        : undefined,
    traceId: traceId && TRACE_ID_PATTERN.test(traceId) ? traceId : undefined,
    traceServices: params.getAll('service').filter(Boolean),
  };
}

/** Keys this module owns; other query parameters on the page are left alone. */
const OWNED_KEYS = [
  'view',
  'window',
  'graphType',
  'hops',
  'labels',
  'labels2',
  'find',
  'hide',
  'idle',
  'animate',
  'refresh',
  'selected',
  'focus',
  'all',
  'lookback',
  'errors',
  'minDuration',
  'trace',
  'service',
];

/**
 * Writes `state` into a copy of `current`, leaving out defaults. Parameters that other code put in
 * the URL are kept.
 */
export function writeEntityMeshViewState(
  state: EntityMeshViewState,
  current: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const d = DEFAULT_ENTITY_MESH_VIEW_STATE;
  const next = new URLSearchParams(current);
  OWNED_KEYS.forEach(key => next.delete(key));
  const set = (key: string, value: string | undefined, fallback?: string) => {
    if (value !== undefined && value !== fallback) next.append(key, value);
  };
  set('view', state.view, d.view);
  set('window', state.window, d.window);
  set('graphType', state.graphType, d.graphType);
  set('hops', String(state.hops), String(d.hops));
  set('labels', state.edgeLabel, d.edgeLabel);
  set('labels2', state.secondEdgeLabel);
  set('find', state.find || undefined);
  set('hide', state.hide || undefined);
  set('idle', state.hideIdle ? 'hide' : undefined);
  set('animate', state.animate ? undefined : 'off');
  set('refresh', state.autoRefresh ? undefined : 'off');
  set(
    'selected',
    state.selection && `${state.selection.kind}:${state.selection.id}`,
  );
  set('focus', state.focusNode);
  set('all', state.showAllNodes ? '1' : undefined);
  set('lookback', state.traceLookback, d.traceLookback);
  set('errors', state.traceErrorsOnly ? '1' : undefined);
  set('minDuration', state.traceMinDuration);
  set('trace', state.traceId);
  state.traceServices.forEach(service => set('service', service));
  return next;
}
