/*
 * Bookinfo, sidecar mode, namespace-wide STRICT mTLS. Routing: reviews split 50/25/25 over
 * v1/v2/v3 by a VirtualService; ratings carries the demo's fault-injection rule (5% HTTP 500).
 * reviews-v2 runs 1 of 2 replicas so one workload shows as degraded.
 */
import { DemoApp } from '../model';
import { INGRESS_GATEWAY } from './platform';

const ns = 'bookinfo';
const http = { port: 9080, portName: 'http', labelStyle: 'app' as const };

export const bookinfo: DemoApp = {
  id: 'bookinfo',
  namespace: ns,
  dataplane: 'sidecar',
  loadPhase: 0,
  entries: [
    { from: INGRESS_GATEWAY, service: 'productpage', namespace: ns, rps: 20 },
  ],
  services: [
    {
      name: 'productpage',
      ...http,
      workloads: [
        {
          version: 'v1',
          behaviour: {
            latency: { medianMs: 28, p99Ms: 180 },
            calls: [
              { service: 'details', perRequest: 1 },
              { service: 'reviews', perRequest: 1 },
            ],
          },
        },
      ],
    },
    {
      name: 'details',
      ...http,
      workloads: [
        {
          version: 'v1',
          behaviour: {
            latency: { medianMs: 4, p99Ms: 35 },
            errors: { '503': 0.004 },
          },
        },
      ],
    },
    {
      name: 'reviews',
      ...http,
      workloads: [
        { version: 'v1', behaviour: { latency: { medianMs: 12, p99Ms: 90 } } },
        {
          version: 'v2',
          replicas: 2,
          available: 1,
          behaviour: {
            latency: { medianMs: 18, p99Ms: 140 },
            calls: [{ service: 'ratings', perRequest: 1 }],
          },
        },
        {
          version: 'v3',
          behaviour: {
            latency: { medianMs: 20, p99Ms: 160 },
            errors: { '500': 0.01 },
            calls: [{ service: 'ratings', perRequest: 1 }],
          },
        },
      ],
    },
    {
      name: 'ratings',
      ...http,
      workloads: [
        { version: 'v1', behaviour: { latency: { medianMs: 3, p99Ms: 25 } } },
      ],
    },
  ],
  istio: [
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway', namespace: ns },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 8080, name: 'http', protocol: 'HTTP' },
            hosts: ['*'],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'bookinfo', namespace: ns },
      spec: {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            match: [
              { uri: { exact: '/productpage' } },
              { uri: { prefix: '/static' } },
              { uri: { prefix: '/api/v1/products' } },
            ],
            route: [
              { destination: { host: 'productpage', port: { number: 9080 } } },
            ],
          },
        ],
      },
    },
    ...['productpage', 'details', 'ratings'].map(host =>
      destinationRule(host, ['v1']),
    ),
    destinationRule('reviews', ['v1', 'v2', 'v3']),
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews', namespace: ns },
      spec: {
        hosts: ['reviews'],
        http: [
          {
            route: [
              { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
              { destination: { host: 'reviews', subset: 'v2' }, weight: 25 },
              { destination: { host: 'reviews', subset: 'v3' }, weight: 25 },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'ratings', namespace: ns },
      spec: {
        hosts: ['ratings'],
        http: [
          {
            fault: { abort: { percentage: { value: 5 }, httpStatus: 500 } },
            route: [{ destination: { host: 'ratings', subset: 'v1' } }],
          },
        ],
      },
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ns },
      spec: { mtls: { mode: 'STRICT' } },
    },
  ],
};

function destinationRule(host: string, versions: string[]) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: host, namespace: ns },
    spec: {
      host,
      trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      subsets: versions.map(v => ({ name: v, labels: { version: v } })),
    },
  };
}
