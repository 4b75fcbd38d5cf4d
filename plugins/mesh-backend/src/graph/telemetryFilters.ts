/*
 * Series Kiali skips before building a graph, and why (docs/kiali-semantics.md §2.3, "Series
 * filtering"): telemetry whose peer cannot be named is noise from pod churn or proxy bugs, and
 * drawing it would invent nodes (`unknown` sources in a real namespace, Services named after pod
 * IPs) that no one can act on.
 */
const ok = (v: string | undefined) => !!v && v !== 'unknown';

/** A pod IP, with an optional port, reported as the Service name (pod churn). */
const IP_SERVICE = /^\d+\.\d+\.\d+\.\d+(:\d+)?$/;

/**
 * The cluster a destination is in. Istio leaves `destination_cluster` unknown for requests that
 * reached no workload (istio#29373); when the Service's namespace is known the source's cluster
 * is assumed, as Kiali does. Otherwise the destination's cluster stays unknown.
 */
export function destinationClusterId(labels: Record<string, string>): string {
  if (ok(labels.destination_cluster)) return labels.destination_cluster;
  if (ok(labels.source_cluster) && ok(labels.destination_service_namespace))
    return labels.source_cluster;
  return labels.destination_cluster || 'unknown';
}

export function isBadSourceTelemetry(labels: Record<string, string>): boolean {
  const ns = labels.source_workload_namespace;
  if (!ok(ns)) return false;
  // A known namespace but neither a workload nor a canonical service.
  if (!ok(labels.source_workload) && !ok(labels.source_canonical_service))
    return true;
  // A cluster label that is present but unknown.
  return labels.source_cluster !== undefined && !ok(labels.source_cluster);
}

export function isBadDestinationTelemetry(
  labels: Record<string, string>,
): boolean {
  const svc = labels.destination_service;
  const svcName = labels.destination_service_name;
  if (
    !ok(labels.destination_workload) &&
    ok(svc) &&
    svc === svcName &&
    IP_SERVICE.test(svcName)
  )
    return true;
  return (
    ok(labels.destination_service_namespace) &&
    labels.destination_cluster !== undefined &&
    !ok(destinationClusterId(labels))
  );
}

/** Whether a request or TCP series may become an edge. */
export function isGraphableTelemetry(labels: Record<string, string>): boolean {
  return !isBadSourceTelemetry(labels) && !isBadDestinationTelemetry(labels);
}
