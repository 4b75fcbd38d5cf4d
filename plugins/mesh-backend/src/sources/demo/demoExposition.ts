/*
 * The demo's series as Istio's proxies would serve them on /metrics: Envoy's families for
 * sidecars and gateways, ztunnel's TCP families for ambient pods. ztunnel's own scrape does not
 * carry `app="ztunnel"` — that label comes from the scrape target (the ztunnel pod's labels), so
 * ztunnel series are served on their own path and the scrape config attaches it.
 */
import { formatExposition, MetricFamily } from '../../telemetry/exposition';
import { DemoMesh } from './DemoMesh';
import { DemoSeries } from './traffic/series';

const FAMILIES: Array<{
  name: string;
  type: MetricFamily['type'];
  help: string;
}> = [
  { name: 'istio_requests_total', type: 'counter', help: 'Total requests.' },
  {
    name: 'istio_request_duration_milliseconds',
    type: 'histogram',
    help: 'Request duration in milliseconds.',
  },
  {
    name: 'istio_tcp_sent_bytes_total',
    type: 'counter',
    help: 'Total bytes sent during response.',
  },
  {
    name: 'istio_tcp_received_bytes_total',
    type: 'counter',
    help: 'Total bytes received during request.',
  },
  {
    name: 'istio_tcp_connections_opened_total',
    type: 'counter',
    help: 'Total TCP connections opened.',
  },
  {
    name: 'istio_tcp_connections_closed_total',
    type: 'counter',
    help: 'Total TCP connections closed.',
  },
];

export type DemoScrapeTarget = 'proxies' | 'ztunnel';

function familyOf(metric: string): string {
  return metric.replace(/_(bucket|sum|count)$/, '');
}

/** The exposition text of one scrape target at time `t` (seconds). Counters are whole numbers, as Envoy's are. */
export function demoExposition(
  mesh: DemoMesh,
  target: DemoScrapeTarget,
  t: number,
): string {
  const ours = (s: DemoSeries) =>
    (s.labels.app === 'ztunnel') === (target === 'ztunnel');
  const byFamily = new Map<string, DemoSeries[]>();
  for (const s of mesh.series.filter(ours)) {
    const family = familyOf(s.metric);
    byFamily.set(family, [...(byFamily.get(family) ?? []), s]);
  }
  const families: MetricFamily[] = [];
  for (const f of FAMILIES) {
    const series = byFamily.get(f.name);
    if (!series) continue;
    families.push({
      ...f,
      samples: series.map(s => {
        const { app: _scrapeLabel, ...labels } = s.labels;
        const value = mesh.valueAt(s, t);
        return {
          name: s.metric,
          labels: target === 'ztunnel' ? labels : s.labels,
          value: s.metric.endsWith('_sum')
            ? Math.round(value * 1000) / 1000
            : Math.floor(value),
        };
      }),
    });
  }
  return formatExposition(families);
}
