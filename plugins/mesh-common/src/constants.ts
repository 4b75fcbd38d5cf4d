/**
 * Annotations of the Backstage Kubernetes plugin that map an entity to workloads. The mesh plugin
 * uses exactly these, so a catalog already set up for the Kubernetes plugin needs nothing new.
 *
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** @public */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
/** @public */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/** @public */
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

/**
 * Kinds the backend maps by name when they carry no Kubernetes annotation (to the Istio canonical
 * service of the same name), unless `mesh.nameMapping` says otherwise.
 *
 * @public
 */
export const DEFAULT_NAME_MAPPED_KINDS = ['component', 'resource'];

/** Default rate window of the graph, as Kiali's server default. @public */
export const DEFAULT_GRAPH_WINDOW = '10m';

/** Windows offered by the UI; the API accepts any duration within the limits below. @public */
export const GRAPH_WINDOW_CHOICES = [
  '1m',
  '5m',
  '10m',
  '30m',
  '1h',
  '3h',
  '6h',
  '1d',
];

/** Smallest and largest accepted rate windows, in seconds. @public */
export const MIN_WINDOW_SECONDS = 30;
/** @public */
export const MAX_WINDOW_SECONDS = 7 * 24 * 3600;

/**
 * Tracing service name(s) of an entity whose spans are not reported under Istio's default
 * `<app>.<namespace>` name; comma-separated when there are several.
 *
 * @public
 */
export const TRACING_SERVICE_ANNOTATION = 'mesh.backstage.io/tracing-service';

/**
 * Trace list defaults: Kiali's limit of 100; an hour rather than Kiali's 10 minutes because at
 * Istio's 1% sampling a quiet service has few traces in 10 minutes.
 *
 * @public
 */
export const DEFAULT_TRACE_LOOKBACK = '1h';
/** @public */
export const DEFAULT_TRACE_LIMIT = 100;
/** @public */
export const MAX_TRACE_LIMIT = 500;
/** Shortest and longest trace lookback, in seconds. @public */
export const MIN_TRACE_LOOKBACK_SECONDS = 60;
/** @public */
export const MAX_TRACE_LOOKBACK_SECONDS = 7 * 24 * 3600;
