/*
 * Sock Shop in ambient mode (namespace labelled istio.io/dataplane-mode=ambient, no waypoint): ztunnel
 * reports only L4, so every edge inside the app is TCP. Pods carry only a `name:` label, as in the
 * upstream manifests, so Istio falls back to the workload name for the canonical service.
 */
import { DemoApp, DemoServiceSpec } from '../model';
import { INGRESS_GATEWAY } from './platform';

const ns = 'sock-shop';

function svc(
  name: string,
  port: number,
  portName: string,
  medianMs: number,
  calls: DemoServiceSpec['workloads'][0]['behaviour']['calls'] = [],
): DemoServiceSpec {
  return {
    name,
    port,
    portName,
    labelStyle: 'name',
    workloads: [
      { behaviour: { latency: { medianMs, p99Ms: medianMs * 8 }, calls } },
    ],
  };
}

const db = (service: string, bytesSent: number, bytesReceived: number) => ({
  service,
  perRequest: 1,
  bytesSent,
  bytesReceived,
});
const api = (service: string, perRequest: number) => ({
  service,
  perRequest,
  bytesSent: 600,
  bytesReceived: 2400,
});

export const sockShop: DemoApp = {
  id: 'sock-shop',
  namespace: ns,
  dataplane: 'ambient',
  loadPhase: 2.1,
  entries: [
    { from: INGRESS_GATEWAY, service: 'front-end', namespace: ns, rps: 15 },
    // queue-master consumes the shipping queue on its own schedule.
    {
      from: { namespace: ns, workload: 'queue-master' },
      service: 'rabbitmq',
      namespace: ns,
      rps: 2,
    },
  ],
  services: [
    svc('front-end', 80, 'http', 25, [
      api('catalogue', 1),
      api('carts', 0.6),
      api('orders', 0.1),
      api('user', 0.3),
      db('session-db', 200, 400),
    ]),
    svc('catalogue', 80, 'http', 8, [db('catalogue-db', 300, 5200)]),
    svc('catalogue-db', 3306, 'tcp-mysql', 2),
    svc('carts', 80, 'http', 10, [db('carts-db', 400, 1800)]),
    svc('carts-db', 27017, 'tcp-mongo', 2),
    svc('orders', 80, 'http', 40, [
      db('orders-db', 900, 700),
      api('payment', 1),
      api('shipping', 1),
      api('user', 1),
      api('carts', 1),
    ]),
    svc('orders-db', 27017, 'tcp-mongo', 3),
    svc('payment', 80, 'http', 6),
    svc('shipping', 80, 'http', 9, [db('rabbitmq', 800, 100)]),
    svc('queue-master', 80, 'http', 5, []),
    svc('rabbitmq', 5672, 'tcp-amqp', 1),
    svc('user', 80, 'http', 7, [db('user-db', 300, 900)]),
    svc('user-db', 27017, 'tcp-mongo', 2),
    svc('session-db', 6379, 'tcp-redis', 1),
  ],
  istio: [],
};
