/*
 * Real Istio scrapes (../shared/fixtures/prometheus-scrapes) parsed and turned into graph edges:
 * ztunnel's L4 series of an ambient Bookinfo, and a sidecar's L7 series with histograms.
 */
import fs from 'fs';
import path from 'path';
import { buildGraph } from '../graph/buildGraph';
import { TrafficSnapshot } from '../sources/types';
import { describeWithFixtures, FIXTURES_DIR } from '../__testUtils__/fixtures';
import { latencyQuantiles } from '../sources/demo/DemoTelemetrySource';
import { formatExposition, parseExposition } from './exposition';
import { REQUEST_LABELS, sumBy, TCP_LABELS } from './promFunctions';

// A scrape holds counter totals, not rates: fed to the graph as values they still decide which
// edges exist, how reporters de-duplicate and what share is mTLS, which is what is checked here.
const scrape = (file: string) =>
  parseExposition(
    fs.readFileSync(
      path.join(FIXTURES_DIR, 'prometheus-scrapes', file),
      'utf8',
    ),
  );
const of = (
  samples: ReturnType<typeof scrape>,
  name: string,
  extra: Record<string, string> = {},
) =>
  samples
    .filter(s => s.name === name)
    .map(s => ({ labels: { ...s.labels, ...extra }, value: s.value }));

function graph(traffic: Partial<TrafficSnapshot>) {
  return buildGraph({
    graphType: 'workload',
    windowSeconds: 60,
    time: new Date(0),
    traffic: {
      requests: [],
      tcpSent: [],
      tcpReceived: [],
      latency: [],
      ...traffic,
    },
    workloads: [],
    services: [],
    owners: new Map(),
    clusterName: id => id,
    errors: [],
  });
}

describe('exposition format', () => {
  it('round-trips escaped label values, +Inf and NaN', () => {
    const text = formatExposition([
      {
        name: 'm_total',
        type: 'counter',
        help: 'h',
        samples: [
          {
            name: 'm_total',
            labels: { a: 'quote " back \\ nl \n', le: '+Inf' },
            value: 3,
          },
          { name: 'm_total', labels: {}, value: NaN },
        ],
      },
    ]);
    const parsed = parseExposition(text);
    expect(parsed[0]).toEqual({
      name: 'm_total',
      labels: { a: 'quote " back \\ nl \n', le: '+Inf' },
      value: 3,
    });
    expect(parsed[1].value).toBeNaN();
  });

  it('rejects malformed lines', () => {
    expect(() => parseExposition('m{a="x} 1')).toThrow(
      /unterminated|bad label/,
    );
    expect(() => parseExposition('m{a="x"} one')).toThrow(/bad value/);
  });
});

describeWithFixtures('real Istio scrapes', () => {
  it('builds the 7 ambient Bookinfo edges from the ztunnel scrape, all mutual TLS', () => {
    const samples = scrape('datadog-istio-1.24-ztunnel.txt');
    // Scraped from a ztunnel pod: Prometheus would attach its `app="ztunnel"` pod label.
    const tcpSent = sumBy(
      of(samples, 'istio_tcp_received_bytes_total', { app: 'ztunnel' }),
      TCP_LABELS,
    );
    const g = graph({
      tcpSent,
      tcpReceived: sumBy(
        of(samples, 'istio_tcp_sent_bytes_total', { app: 'ztunnel' }),
        TCP_LABELS,
      ),
    });
    const edges = g.edges
      .map(e => `${e.source.split(':').pop()}->${e.target.split(':').pop()}`)
      .sort();
    expect(edges).toEqual([
      'productpage-v1->details-v1',
      'productpage-v1->reviews-v1',
      'productpage-v1->reviews-v2',
      'productpage-v1->reviews-v3',
      'reviews-v2->ratings-v1',
      'reviews-v3->ratings-v1',
      'traffic-gen->productpage-v1',
    ]);
    expect(
      g.edges.every(
        e =>
          e.protocol === 'tcp' && e.mtls === 1 && (e.bytesPerSecond ?? 0) > 0,
      ),
    ).toBe(true);
    // Reported by both ends; counted once: the edge carries the destination's numbers.
    const destinationOnly = graph({
      tcpSent: tcpSent.filter(s => s.labels.reporter === 'destination'),
    });
    expect(
      g.edges.map(
        e =>
          e.bytesPerSecond! >=
          destinationOnly.edges.find(d => d.id === e.id)!.bytesPerSecond!,
      ),
    ).toEqual(g.edges.map(() => true));
  });

  it('reads the sidecar scrape: one HTTP edge productpage → reviews-v1 with mTLS and a latency from the buckets', () => {
    const samples = scrape(
      'datadog-istio-1.11-sidecar-istio-metrics-excerpt.txt',
    );
    const requests = sumBy(of(samples, 'istio_requests_total'), REQUEST_LABELS);
    const latency = latencyQuantiles(
      of(samples, 'istio_request_duration_milliseconds_bucket'),
    );
    const g = graph({ requests, latency });
    expect(g.edges).toHaveLength(1);
    const [edge] = g.edges;
    expect(edge).toMatchObject({
      source: 'wl:Kubernetes:default:productpage-v1',
      target: 'wl:Kubernetes:default:reviews-v1',
      protocol: 'http',
      errorRate: 0,
      mtls: 1,
    });
    expect(edge.latency?.p50).toBeGreaterThan(0);
    expect(edge.latency!.p99!).toBeGreaterThanOrEqual(edge.latency!.p50!);
  });
});
