import { MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import { collapseGraph } from './collapseGraph';

const node = (
  id: string,
  entityRef?: string,
  status: MeshNode['health']['status'] = 'healthy',
): MeshNode => ({
  id,
  type: 'workload',
  cluster: 'c',
  namespace: 'ns',
  name: id,
  ...(entityRef ? { entityRef } : {}),
  health: { status, reasons: [] },
});
const graph: MeshGraph = {
  graphType: 'workload',
  windowSeconds: 60,
  timestamp: '2026-01-01T00:00:00Z',
  errors: [],
  nodes: [
    node('gw'),
    node('r1', 'c:reviews'),
    node('r2', 'c:reviews', 'degraded'),
    node('rt', 'c:ratings'),
  ],
  edges: [
    {
      id: 'gw->r1:http',
      source: 'gw',
      target: 'r1',
      protocol: 'http',
      rps: 10,
      errorRate: 0,
      mtls: 1,
      latency: { p95: 20 },
      responses: { '200': 10 },
    },
    {
      id: 'gw->r2:http',
      source: 'gw',
      target: 'r2',
      protocol: 'http',
      rps: 30,
      errorRate: 0.1,
      mtls: 0,
      latency: { p95: 50 },
      responses: { '200': 27, '500': 3 },
    },
    {
      id: 'r1->r2:http',
      source: 'r1',
      target: 'r2',
      protocol: 'http',
      rps: 5,
      errorRate: 0,
    },
    {
      id: 'r2->rt:tcp',
      source: 'r2',
      target: 'rt',
      protocol: 'tcp',
      rps: 0,
      errorRate: 0,
      bytesPerSecond: 100,
      mtls: 1,
    },
  ],
};

describe('collapseGraph', () => {
  const collapsed = collapseGraph(graph, n =>
    n.entityRef
      ? {
          id: `entity:${n.entityRef}`,
          type: 'entity',
          cluster: n.cluster,
          namespace: n.namespace,
          name: n.entityRef,
        }
      : undefined,
  );

  it('merges nodes per key, worst health wins, unkeyed nodes stay', () => {
    expect(collapsed.nodes.map(n => [n.id, n.health.status])).toEqual([
      ['entity:c:ratings', 'healthy'],
      ['entity:c:reviews', 'degraded'],
      ['gw', 'healthy'],
    ]);
  });

  it('adds rates and codes, weights mTLS by traffic, keeps the worst latency, drops inner edges', () => {
    expect(collapsed.edges).toEqual([
      {
        id: 'entity:c:reviews->entity:c:ratings:tcp',
        source: 'entity:c:reviews',
        target: 'entity:c:ratings',
        protocol: 'tcp',
        rps: 0,
        errorRate: 0,
        bytesPerSecond: 100,
        mtls: 1,
      },
      {
        id: 'gw->entity:c:reviews:http',
        source: 'gw',
        target: 'entity:c:reviews',
        protocol: 'http',
        rps: 40,
        errorRate: 0.075,
        mtls: 0.25,
        latency: { p95: 50 },
        responses: { '200': 37, '500': 3 },
      },
    ]);
  });
});
