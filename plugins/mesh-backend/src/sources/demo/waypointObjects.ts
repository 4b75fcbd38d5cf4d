/*
 * An ambient waypoint as `istioctl waypoint apply` leaves it (docs/kiali-semantics.md §1.3): a
 * Gateway API Gateway of class `istio-waypoint` listening for HBONE on 15008, and the Envoy
 * Deployment Istio deploys for it, whose pods carry the gateway-name and mesh-controller labels
 * that identify a waypoint (kube/waypoints).
 */
import { KubeObject } from '../../kube/types';
import {
  GATEWAY_NAME_LABEL,
  WAYPOINT_GATEWAY_CLASS,
} from '../../kube/waypoints';
import { controllerObjects } from './controllerObjects';

const PROGRAMMED = '2026-01-01T00:00:00Z';

export function waypointObjects(namespace: string, name: string): KubeObject[] {
  const labels = {
    [GATEWAY_NAME_LABEL]: name,
    'gateway.istio.io/managed': 'istio.io-mesh-controller',
    'istio.io/dataplane-mode': 'none',
  };
  const gateway: KubeObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name,
      namespace,
      labels: { 'istio.io/waypoint-for': 'service' },
    },
    spec: {
      gatewayClassName: WAYPOINT_GATEWAY_CLASS,
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
    status: {
      conditions: ['Accepted', 'Programmed'].map(type => ({
        type,
        status: 'True',
        reason: type,
        lastTransitionTime: PROGRAMMED,
      })),
    },
  } as KubeObject;
  return [
    gateway,
    ...controllerObjects({
      namespace,
      name,
      labels,
      serviceAccount: name,
      containers: [
        {
          name: 'istio-proxy',
          image: 'docker.io/istio/proxyv2:1.28.0',
          ports: [{ containerPort: 15008 }],
        },
      ],
      replicas: 1,
      available: 1,
    }),
  ];
}
