/*
 * The Istio standard metrics the PromQL reads, by name: the proxies' own series, or the
 * workload-level series recorded by Istio's production recording rules ("Observability Best
 * Practices": `workload:<metric>` = `sum without(instance, kubernetes_namespace,
 * kubernetes_pod_name) (<metric>)`). Those keep every label the queries aggregate by, so the
 * queries are the same with either name; Prometheus just reads far fewer series on a large mesh.
 */
export interface IstioMetricNames {
  requests: string;
  durationBucket: string;
  /** Client → server bytes (Istio's names are reversed, istio#32399). */
  tcpReceived: string;
  /** Server → client bytes. */
  tcpSent: string;
}

export function istioMetricNames(
  workloadRecordingRules = false,
): IstioMetricNames {
  const name = (metric: string) =>
    workloadRecordingRules ? `workload:${metric}` : metric;
  return {
    requests: name('istio_requests_total'),
    durationBucket: name('istio_request_duration_milliseconds_bucket'),
    tcpReceived: name('istio_tcp_received_bytes_total'),
    tcpSent: name('istio_tcp_sent_bytes_total'),
  };
}
