/*
 * Istio's documented production recording rules (istio.io, Ops > Best Practices > Observability:
 * "Workload-level aggregation via recording rules"): for each standard metric, `workload:<metric>`
 * records `sum without(instance, kubernetes_namespace, kubernetes_pod_name) (<metric>)`. Rendered
 * here from that list rather than kept as a file, to load into the test Prometheus.
 */
const METRICS = [
  'istio_requests_total',
  'istio_request_duration_milliseconds_count',
  'istio_request_duration_milliseconds_sum',
  'istio_request_duration_milliseconds_bucket',
  'istio_request_bytes_count',
  'istio_request_bytes_sum',
  'istio_request_bytes_bucket',
  'istio_response_bytes_count',
  'istio_response_bytes_sum',
  'istio_response_bytes_bucket',
  'istio_tcp_sent_bytes_total',
  'istio_tcp_received_bytes_total',
  'istio_tcp_connections_opened_total',
  'istio_tcp_connections_closed_total',
];

export const istioRecordingRules = {
  groups: [
    {
      name: 'istio.recording-rules',
      rules: METRICS.map(metric => ({
        record: `workload:${metric}`,
        expr: `sum without(instance, kubernetes_namespace, kubernetes_pod_name) (${metric})`,
      })),
    },
  ],
};
