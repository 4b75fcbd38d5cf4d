/*
 * Test data: Istio's Bookinfo sample as the backend would describe it for the `reviews`
 * component, with enough variety to exercise every rendering rule (errors, partial mTLS, TCP,
 * gateway, unknown client).
 */
import { Entity } from '@backstage/catalog-model';
import {
  MeshEdge,
  MeshEntityGraphResponse,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';

const healthy = { status: 'healthy' as const, reasons: [] };

function workload(name: string, extra: Partial<MeshNode> = {}): MeshNode {
  const [app, version] = name.split(/-(?=v\d+$)/);
  return {
    id: `east/bookinfo/workload/${name}`,
    type: 'workload',
    cluster: 'east',
    namespace: 'bookinfo',
    name,
    app,
    version,
    entityRef: `component:default/${app}`,
    health: healthy,
    ...extra,
  };
}

function http(
  source: string,
  target: string,
  rps: number,
  extra: Partial<MeshEdge> = {},
): MeshEdge {
  return {
    id: `${source}->${target}`,
    source: `east/bookinfo/workload/${source}`,
    target: `east/bookinfo/workload/${target}`,
    protocol: 'http',
    rps,
    errorRate: 0,
    mtls: 1,
    latency: { p50: 4, p95: 12, p99: 30 },
    ...extra,
  };
}

export const bookinfoGraph: MeshEntityGraphResponse = {
  graphType: 'workload',
  windowSeconds: 600,
  timestamp: '2025-01-01T12:00:00.000Z',
  nodes: [
    {
      id: 'east/istio-system/workload/istio-ingressgateway',
      type: 'workload',
      cluster: 'east',
      namespace: 'istio-system',
      name: 'istio-ingressgateway',
      health: healthy,
      isGateway: true,
      isRoot: true,
    },
    workload('productpage-v1'),
    workload('details-v1'),
    workload('reviews-v1', { isFocus: true }),
    workload('reviews-v2', {
      isFocus: true,
      health: { status: 'degraded', reasons: ['5xx 2.0% of inbound HTTP'] },
    }),
    workload('reviews-v3', {
      isFocus: true,
      health: { status: 'failure', reasons: ['5xx 15.0% of inbound HTTP'] },
    }),
    workload('ratings-v1', { isAmbient: true }),
    workload('mongodb-v1', { isOutOfMesh: true, entityRef: undefined }),
    {
      id: 'east/bookinfo/unknown/unknown',
      type: 'unknown',
      cluster: 'east',
      namespace: 'bookinfo',
      name: 'unknown',
      health: { status: 'no-data', reasons: [] },
      isRoot: true,
    },
  ],
  edges: [
    {
      ...http('istio-ingressgateway', 'productpage-v1', 10),
      source: 'east/istio-system/workload/istio-ingressgateway',
    },
    {
      ...http('unknown', 'productpage-v1', 0.5, { mtls: 0 }),
      source: 'east/bookinfo/unknown/unknown',
    },
    http('productpage-v1', 'details-v1', 10),
    http('productpage-v1', 'reviews-v1', 3.3),
    http('productpage-v1', 'reviews-v2', 3.3, {
      errorRate: 0.02,
      latency: { p50: 20, p95: 60, p99: 120 },
    }),
    http('productpage-v1', 'reviews-v3', 3.4, {
      errorRate: 0.15,
      mtls: 0.5,
      latency: { p50: 80, p95: 1250, p99: 2000 },
    }),
    http('reviews-v2', 'ratings-v1', 3.3),
    http('reviews-v3', 'ratings-v1', 3.4),
    http('ratings-v1', 'mongodb-v1', 0, {
      protocol: 'tcp',
      errorRate: 0,
      bytesPerSecond: 2048,
      latency: undefined,
      mtls: undefined,
    }),
  ],
  errors: [],
  mapping: {
    entityRef: 'component:default/reviews',
    labelSelector: 'app=reviews',
    workloads: ['reviews-v1', 'reviews-v2', 'reviews-v3'].map(name => ({
      cluster: 'east',
      namespace: 'bookinfo',
      kind: 'Deployment',
      name,
      app: 'reviews',
      version: name.slice('reviews-'.length),
    })),
    errors: [],
  },
};

export const reviewsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'reviews',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'reviews' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/** The Group that owns Bookinfo, for the team tab. */
export const bookinfoTeamEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'bookinfo-team',
    namespace: 'default',
    title: 'Bookinfo team',
  },
  spec: { type: 'team', children: [] },
};
