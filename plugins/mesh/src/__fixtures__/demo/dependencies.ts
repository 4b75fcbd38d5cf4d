/*
 * Dependency drift answers shaped like MeshDependenciesResponse (mesh-common types/dependencies.ts),
 * written from the demo catalog's deliberate drift: productpage declares ratings but never calls
 * it (silent), checkoutservice calls emailservice without declaring it (undeclared).
 */
import {
  MeshDependenciesResponse,
  MeshEdge,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';

const healthy = { status: 'healthy' as const, reasons: [] };

function entityNode(
  name: string,
  system: string,
  owner: string,
  isFocus = false,
): MeshNode {
  return {
    id: `entity:component:default/${name}`,
    type: 'entity',
    cluster: 'demo',
    namespace: system,
    name,
    entityRef: `component:default/${name}`,
    owner: `group:default/${owner}`,
    system: `system:default/${system}`,
    health: healthy,
    ...(isFocus ? { isFocus } : {}),
  };
}

function edge(
  source: string,
  target: string,
  drift: MeshEdge['drift'],
  rps: number,
): MeshEdge {
  return {
    id: `entity:component:default/${source}->entity:component:default/${target}:http`,
    source: `entity:component:default/${source}`,
    target: `entity:component:default/${target}`,
    protocol: 'http',
    rps,
    errorRate: 0,
    ...(rps > 0 ? { mtls: 1 } : {}),
    drift,
  };
}

export const productpageDependencies: MeshDependenciesResponse = {
  entityRef: 'component:default/productpage',
  windowSeconds: 600,
  timestamp: '2026-11-21T12:00:00.000Z',
  floorRps: 0.001,
  dependencies: [
    {
      entityRef: 'component:default/details',
      owner: 'group:default/bookinfo-team',
      direction: 'outbound',
      drift: 'declared',
      declaredVia: ['dependsOn'],
      rps: 21.8,
      errorRate: 0.004,
      deprecated: false,
    },
    {
      entityRef: 'component:default/reviews',
      owner: 'group:default/bookinfo-team',
      direction: 'outbound',
      drift: 'declared',
      declaredVia: ['dependsOn'],
      rps: 21.8,
      errorRate: 0.002,
      deprecated: false,
    },
    {
      entityRef: 'component:default/ratings',
      owner: 'group:default/bookinfo-team',
      direction: 'outbound',
      drift: 'silent',
      declaredVia: ['dependsOn'],
      rps: 0,
      deprecated: false,
    },
  ],
  unknownPeers: [
    {
      nodeId: 'wl:demo:istio-system:istio-ingressgateway',
      cluster: 'demo',
      namespace: 'istio-system',
      name: 'istio-ingressgateway',
      direction: 'inbound',
      rps: 21.2,
    },
  ],
  drift: { undeclared: 0, silent: 1, unknownPeers: 1, deprecated: 0 },
  graph: {
    graphType: 'workload',
    windowSeconds: 600,
    timestamp: '2026-11-21T12:00:00.000Z',
    nodes: [
      entityNode('productpage', 'bookinfo', 'bookinfo-team', true),
      entityNode('details', 'bookinfo', 'bookinfo-team'),
      entityNode('reviews', 'bookinfo', 'bookinfo-team'),
      entityNode('ratings', 'bookinfo', 'bookinfo-team'),
    ],
    edges: [
      edge('productpage', 'details', 'declared', 21.8),
      edge('productpage', 'reviews', 'declared', 21.8),
      edge('productpage', 'ratings', 'silent', 0),
    ],
    errors: [],
  },
  errors: [],
};

export const checkoutserviceDependencies: MeshDependenciesResponse = {
  ...productpageDependencies,
  entityRef: 'component:default/checkoutservice',
  dependencies: [
    {
      entityRef: 'component:default/emailservice',
      owner: 'group:default/boutique-team',
      direction: 'outbound',
      drift: 'undeclared',
      rps: 1.4,
      errorRate: 0,
      deprecated: false,
    },
    {
      entityRef: 'component:default/paymentservice',
      owner: 'group:default/boutique-team',
      direction: 'outbound',
      drift: 'declared',
      declaredVia: ['dependsOn'],
      rps: 1.4,
      errorRate: 0.05,
      deprecated: false,
    },
  ],
  unknownPeers: [],
  drift: { undeclared: 1, silent: 0, unknownPeers: 0, deprecated: 0 },
  graph: {
    ...productpageDependencies.graph,
    nodes: [
      entityNode('checkoutservice', 'online-boutique', 'boutique-team', true),
      entityNode('emailservice', 'online-boutique', 'boutique-team'),
      entityNode('paymentservice', 'online-boutique', 'boutique-team'),
    ],
    edges: [
      edge('checkoutservice', 'emailservice', 'undeclared', 1.4),
      edge('checkoutservice', 'paymentservice', 'declared', 1.4),
    ],
  },
};
