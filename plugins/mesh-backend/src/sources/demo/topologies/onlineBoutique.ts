/*
 * Online Boutique, sidecar mode with PERMISSIVE mTLS: gRPC between services, HTTP at the frontend,
 * Redis over TCP. The load generator runs outside the mesh, so its calls to the frontend arrive in
 * plain text — the demo's plain-text edge. Pods carry `backstage.io/kubernetes-id` labels, except
 * shippingservice and redis-cart: their catalog entities have no annotation and are mapped by name
 * (the `app` label), as in most real catalogs.
 */
import { DemoApp, DemoServiceSpec } from '../model';
import { INGRESS_GATEWAY } from './platform';

const ns = 'online-boutique';

function grpc(
  name: string,
  port: number,
  medianMs: number,
  extra: Partial<DemoServiceSpec['workloads'][0]['behaviour']> = {},
): DemoServiceSpec {
  return {
    name,
    port,
    portName: 'grpc',
    labelStyle: 'app',
    kubernetesIdLabel: true,
    workloads: [
      { behaviour: { latency: { medianMs, p99Ms: medianMs * 6 }, ...extra } },
    ],
  };
}

export const onlineBoutique: DemoApp = {
  id: 'online-boutique',
  namespace: ns,
  dataplane: 'sidecar',
  loadPhase: 4.2,
  entries: [
    {
      from: { namespace: ns, workload: 'loadgenerator' },
      service: 'frontend',
      namespace: ns,
      rps: 12,
    },
    { from: INGRESS_GATEWAY, service: 'frontend', namespace: ns, rps: 6 },
  ],
  services: [
    {
      name: 'frontend',
      port: 80,
      portName: 'http',
      labelStyle: 'app',
      kubernetesIdLabel: true,
      workloads: [
        {
          behaviour: {
            latency: { medianMs: 45, p99Ms: 320 },
            calls: [
              { service: 'productcatalogservice', perRequest: 3 },
              { service: 'currencyservice', perRequest: 2 },
              { service: 'cartservice', perRequest: 1 },
              { service: 'recommendationservice', perRequest: 0.5 },
              { service: 'shippingservice', perRequest: 0.2 },
              { service: 'checkoutservice', perRequest: 0.1 },
              { service: 'adservice', perRequest: 0.8 },
            ],
          },
        },
      ],
    },
    // Its DestinationRule's connection pool (http2MaxRequests) is too small for peak load: the
    // circuit breaker rejects a few calls (Envoy flag UO).
    grpc('productcatalogservice', 3550, 3, { overflow: 0.004 }),
    // Exchange rates come from outside the mesh, through a ServiceEntry (TLS, so L4 at the proxy).
    grpc('currencyservice', 7000, 2, {
      calls: [
        {
          service: 'www.ecb.europa.eu',
          external: true,
          perRequest: 0.02,
          bytesSent: 900,
          bytesReceived: 6500,
        },
      ],
    }),
    grpc('cartservice', 7070, 6, {
      calls: [
        {
          service: 'redis-cart',
          perRequest: 2,
          bytesSent: 120,
          bytesReceived: 600,
        },
      ],
    }),
    grpc('recommendationservice', 8080, 9, {
      calls: [{ service: 'productcatalogservice', perRequest: 1 }],
    }),
    { ...grpc('shippingservice', 50051, 4), kubernetesIdLabel: false },
    grpc('checkoutservice', 5050, 60, {
      calls: [
        { service: 'productcatalogservice', perRequest: 2 },
        { service: 'shippingservice', perRequest: 2 },
        { service: 'paymentservice', perRequest: 1 },
        { service: 'emailservice', perRequest: 1 },
        { service: 'currencyservice', perRequest: 3 },
        { service: 'cartservice', perRequest: 2 },
      ],
    }),
    // gRPC INTERNAL (13) from the payment provider on 2% of charges.
    grpc('paymentservice', 50051, 12, { errors: { '13': 0.02 } }),
    grpc('emailservice', 5000, 15),
    grpc('adservice', 9555, 5, { errors: { '5': 0.003 } }),
    {
      name: 'redis-cart',
      port: 6379,
      portName: 'tcp-redis',
      labelStyle: 'app',
      workloads: [{ behaviour: { latency: { medianMs: 1, p99Ms: 5 } } }],
    },
    {
      name: 'loadgenerator',
      port: 8089,
      portName: 'http',
      labelStyle: 'app',
      kubernetesIdLabel: true,
      clientOnly: true,
      outOfMesh: true,
      workloads: [{ behaviour: { latency: { medianMs: 1, p99Ms: 2 } } }],
    },
  ],
  istio: [
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ns },
      spec: { mtls: { mode: 'PERMISSIVE' } },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'frontend', namespace: ns },
      spec: {
        hosts: ['frontend.online-boutique.svc.cluster.local'],
        http: [
          {
            timeout: '5s',
            route: [
              { destination: { host: 'frontend', port: { number: 80 } } },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'ecb-exchange-rates', namespace: ns },
      spec: {
        hosts: ['www.ecb.europa.eu'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'productcatalogservice', namespace: ns },
      spec: {
        host: 'productcatalogservice',
        trafficPolicy: {
          connectionPool: { http: { http2MaxRequests: 200 } },
          outlierDetection: {
            consecutive5xxErrors: 5,
            interval: '10s',
            baseEjectionTime: '30s',
          },
        },
      },
    },
  ],
};
