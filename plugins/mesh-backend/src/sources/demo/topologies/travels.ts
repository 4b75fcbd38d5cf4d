/*
 * Travels, ambient mode with a waypoint: the namespace is enrolled (`istio.io/use-waypoint:
 * waypoint`), so calls between its workloads get L7 handling and `reporter="waypoint"` request
 * metrics, and ztunnel reports the client → waypoint → server legs as TCP. Routing is Gateway API
 * the ambient way: a mesh HTTPRoute attached to the `hotels` Service splits it 90/10 over the
 * `hotels-v1` and `hotels-v2` Services. The ingress gateway reaches the portal directly (no
 * `istio.io/ingress-use-waypoint`), so that one edge is L4-only at the server.
 */
import { IstioObject } from '../../../kube/types';
import { DemoApp } from '../model';
import { INGRESS_GATEWAY } from './platform';

const ns = 'travels';
const http = { port: 8000, portName: 'http', labelStyle: 'app' as const };

/** The demo's HTTPRoute weighted split, for tests. */
export const TRAVELS_SPLIT = { route: 'hotels', v1: 90, v2: 10 };

const hotelsRoute: IstioObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: TRAVELS_SPLIT.route, namespace: ns },
  spec: {
    parentRefs: [{ group: '', kind: 'Service', name: 'hotels', port: 8000 }],
    rules: [
      {
        backendRefs: [
          { name: 'hotels-v1', port: 8000, weight: TRAVELS_SPLIT.v1 },
          { name: 'hotels-v2', port: 8000, weight: TRAVELS_SPLIT.v2 },
        ],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: { group: '', kind: 'Service', name: 'hotels', port: 8000 },
        controllerName: 'istio.io/gateway-controller',
        conditions: ['Accepted', 'ResolvedRefs'].map(type => ({
          type,
          status: 'True',
          reason: type,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        })),
      },
    ],
  },
};

export const travels: DemoApp = {
  id: 'travels',
  namespace: ns,
  dataplane: 'ambient',
  waypoint: 'waypoint',
  loadPhase: 3.3,
  entries: [
    {
      from: INGRESS_GATEWAY,
      service: 'travels-portal',
      namespace: ns,
      rps: 12,
    },
  ],
  services: [
    {
      name: 'travels-portal',
      ...http,
      workloads: [
        {
          behaviour: {
            latency: { medianMs: 22, p99Ms: 160 },
            calls: [
              { service: 'hotels', perRequest: 1 },
              { service: 'flights', perRequest: 0.6 },
            ],
          },
        },
      ],
    },
    {
      name: 'hotels',
      ...http,
      versionServices: true,
      workloads: [
        { version: 'v1', behaviour: { latency: { medianMs: 9, p99Ms: 70 } } },
        {
          version: 'v2',
          behaviour: {
            latency: { medianMs: 14, p99Ms: 120 },
            errors: { '503': 0.02 },
          },
        },
      ],
    },
    {
      name: 'flights',
      ...http,
      workloads: [{ behaviour: { latency: { medianMs: 11, p99Ms: 95 } } }],
    },
  ],
  istio: [hotelsRoute],
};
