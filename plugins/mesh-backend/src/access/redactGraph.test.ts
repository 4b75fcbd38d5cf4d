/* The redaction rules on small hand-made graphs (the route-level view is in ./accessControl.test). */
import { MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import { indexWorkloads } from '../graph/appenders/workloadsOfNode';
import { Workload } from '../kube/workloads';
import { claimedWorkloads, NOTHING_HIDDEN } from '../scope/ownedWorkloads';
import { redactGraph, RedactionInput, restrictedNodeId } from './redactGraph';

const workload = (name: string, app: string): Workload => ({
  cluster: 'c',
  namespace: 'ns',
  kind: 'Deployment',
  name,
  labels: {},
  podLabels: { app },
  desired: 1,
  current: 1,
  available: 1,
  dataplane: 'sidecar',
  pods: [],
});
const node = (id: string, extra: Partial<MeshNode>): MeshNode => ({
  id,
  type: 'workload',
  cluster: 'c',
  namespace: 'ns',
  name: id,
  health: { status: 'healthy', reasons: ['x'] },
  ...extra,
});
const graph = (nodes: MeshNode[]): MeshGraph => ({
  graphType: 'app',
  windowSeconds: 60,
  timestamp: '',
  nodes,
  edges: nodes.slice(1).map(n => ({
    id: `${nodes[0].id}->${n.id}:http`,
    source: nodes[0].id,
    target: n.id,
    protocol: 'http' as const,
    rps: 2,
    errorRate: 0.5,
  })),
  errors: [],
});
const workloads = [
  workload('reviews-v1', 'reviews'),
  workload('reviews-v2', 'reviews'),
  workload('db', 'db'),
];
// reviews-v2 belongs to a hidden entity; reviews-v1 to a visible one; db to no entity.
const visibility = claimedWorkloads(
  new Map([['c/ns/reviews-v2', 'component:default/hidden']]),
);
const input = (over: Partial<RedactionInput> = {}): RedactionInput => ({
  visibility,
  workloads: indexWorkloads(workloads),
  services: [],
  restrictUnresolved: false,
  ...over,
});

describe('redactGraph', () => {
  const focus = node('wl:c:ns:web', { isFocus: true, name: 'web' });
  const app = node('app:c:ns:reviews', {
    type: 'app',
    app: 'reviews',
    name: 'reviews',
  });
  const db = node('wl:c:ns:db', { workload: 'db', name: 'db' });
  const gone = node('wl:c:ns:deleted', {
    workload: 'deleted',
    name: 'deleted',
  });

  it('withholds an app node that mixes a hidden workload with visible ones, keeping its edge numbers', () => {
    const out = redactGraph(graph([focus, app, db]), input());
    const id = restrictedNodeId(app.id);
    expect(out.nodes.find(n => n.id === id)).toEqual({
      id,
      type: 'app',
      cluster: 'c',
      namespace: '',
      name: 'restricted',
      restricted: true,
      health: { status: 'healthy', reasons: [] },
    });
    expect(out.edges.find(e => e.target === id)).toMatchObject({
      id: `wl:c:ns:web->${id}:http`,
      source: focus.id,
      rps: 2,
      errorRate: 0.5,
    });
    expect(JSON.stringify(out)).not.toMatch(/reviews/);
  });

  it('keeps the focus, unowned workloads, and everything when nothing is hidden', () => {
    const out = redactGraph(graph([focus, db, gone]), input());
    expect(out.nodes).toEqual([focus, db, gone]);
    const all = graph([focus, app]);
    expect(redactGraph(all, input({ visibility: NOTHING_HIDDEN }))).toBe(all);
  });

  it('withholds workloads it cannot resolve when told to (some inventory missing while entities are hidden)', () => {
    const out = redactGraph(
      graph([focus, db, gone]),
      input({ restrictUnresolved: true }),
    );
    expect(out.nodes.map(n => n.name).sort()).toEqual([
      'db',
      'restricted',
      'web',
    ]);
  });
});
