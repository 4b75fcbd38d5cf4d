/*
 * istio-system of the demo cluster: the ingress gateway every app is entered through, ztunnel, and
 * one deliberately invalid object that no entity owns (a leftover VirtualService bound to a Gateway
 * that does not exist, for a host nobody serves: KIA1102, KIA1101) — visible only in the mesh-wide
 * Istio config list (GET /config).
 */
import { KubeObject } from '../../../kube/types';

const gatewayLabels = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

export const platformObjects: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'istio-system', labels: {} },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      labels: gatewayLabels,
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: gatewayLabels },
      template: {
        metadata: { labels: gatewayLabels },
        spec: {
          serviceAccountName: 'istio-ingressgateway-service-account',
          containers: [
            { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0' },
          ],
        },
      },
    },
    status: { replicas: 1, availableReplicas: 1, readyReplicas: 1 },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      labels: gatewayLabels,
    },
    spec: {
      selector: gatewayLabels,
      type: 'LoadBalancer',
      ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'ztunnel',
      namespace: 'istio-system',
      labels: { app: 'ztunnel' },
    },
    spec: {
      selector: { matchLabels: { app: 'ztunnel' } },
      template: {
        metadata: { labels: { app: 'ztunnel' } },
        spec: {
          serviceAccountName: 'ztunnel',
          containers: [
            { name: 'istio-proxy', image: 'docker.io/istio/ztunnel:1.28.0' },
          ],
        },
      },
    },
    status: {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberAvailable: 3,
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'legacy-promo', namespace: 'istio-system' },
    spec: {
      hosts: ['promo.example.com'],
      gateways: ['istio-system/promo-gateway'],
      http: [
        {
          route: [
            {
              destination: {
                host: 'promo.online-boutique.svc.cluster.local',
                port: { number: 80 },
              },
            },
          ],
        },
      ],
    },
  },
];

/** The demo's deliberately invalid, unowned object (see above). */
export const DEMO_UNOWNED_INVALID = {
  kind: 'VirtualService',
  namespace: 'istio-system',
  name: 'legacy-promo',
};

export const INGRESS_GATEWAY = {
  namespace: 'istio-system',
  workload: 'istio-ingressgateway',
};
