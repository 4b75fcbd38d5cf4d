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
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
/** @public */
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

/** Default rate window of the graph, as Kiali's server default. @public */
export const DEFAULT_GRAPH_WINDOW = '10m';

/** Windows offered by the UI; the API accepts any duration within the limits below. @public */
export const GRAPH_WINDOW_CHOICES = ['1m', '5m', '10m', '30m', '1h', '3h', '6h', '1d'];

/** Smallest and largest accepted rate windows, in seconds. @public */
export const MIN_WINDOW_SECONDS = 30;
/** @public */
export const MAX_WINDOW_SECONDS = 7 * 24 * 3600;
