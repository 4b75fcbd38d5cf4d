/*
 * The focused path (a base built once per snapshot, a walk over its adjacency, the view steps on
 * the kept nodes), and the whole graph from the base, must answer exactly what the full pipeline answers — the whole mesh's map cut by
 * focusNeighbourhood — for every workload of real meshes: the demo mesh (Bookinfo, Online
 * Boutique, Sock Shop and the platform services, with its ServiceEntries and Istio config) and
 * the real Istio scrapes of ../shared/fixtures (ambient ztunnel L4, sidecar L7).
 */
import fs from 'fs';
import path from 'path';
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { TrafficSnapshot } from '../sources/types';
import { Workload } from '../kube/workloads';
import { parseExposition } from '../telemetry/exposition';
import { describeWithFixtures, FIXTURES_DIR } from '../__testUtils__/fixtures';
import { buildGraph, GraphInput } from './buildGraph';
import { demoInput } from './__testUtils__/demoGraphInput';
import { focusedGraph, MeshGraphBases, wholeGraph } from './meshGraphBase';

const GRAPH_TYPES: MeshGraphType[] = [
  'workload',
  'app',
  'versionedApp',
  'service',
];

/** Every workload as the focus, at 1 to 3 hops, every graph type: full cut vs focused path. */
async function expectSameForEveryFocus(input: Omit<GraphInput, 'graphType'>) {
  const bases = new MeshGraphBases();
  let compared = 0;
  for (const graphType of GRAPH_TYPES) {
    const building = bases.get({ ...input, graphType }, graphType);
    // Asked for again while it is built: the same build.
    expect(bases.get({ ...input, graphType }, graphType)).toBe(building);
    const base = await building;
    for (const w of input.workloads) {
      for (const hops of [1, 2, 3]) {
        const focus = {
          workloads: new Set([`${w.cluster}/${w.namespace}/${w.name}`]),
          hops,
        };
        const full = buildGraph({ ...input, graphType, focus, errors: [] });
        const focused = focusedGraph(base, {
          ...input,
          graphType,
          focus,
          errors: [],
        });
        expect(focused).toEqual(full);
        compared += full.nodes.length;
      }
    }
    // The whole mesh from the base, as the overview asks for it.
    expect(wholeGraph(base, { ...input, graphType, errors: [] })).toEqual(
      buildGraph({ ...input, graphType, errors: [] }),
    );
  }
  // The comparison is about graphs with something in them.
  expect(compared).toBeGreaterThan(input.workloads.length * 4);
}

describe('focused graphs from a mesh graph base', () => {
  it('equal the cut of the full graph for every workload of the demo mesh', async () => {
    await expectSameForEveryFocus(await demoInput());
  });

  it('keep at most the bases allowed, and answer the same from a rebuilt one', async () => {
    const input = await demoInput();
    const bases = new MeshGraphBases(2);
    const answer = async (graphType: MeshGraphType) => {
      const w = input.workloads[0];
      const focused = {
        ...input,
        graphType,
        focus: {
          workloads: new Set([`${w.cluster}/${w.namespace}/${w.name}`]),
          hops: 2,
        },
      };
      return focusedGraph(await bases.get(focused, graphType), focused);
    };
    const first = bases.get({ ...input, graphType: 'workload' }, 'workload');
    const before = await answer('workload');
    await answer('app');
    expect(bases.get({ ...input, graphType: 'workload' }, 'workload')).toBe(
      first,
    );
    await answer('service'); // drops the least recently used: app
    expect(bases.size).toBe(2);
    expect(bases.get({ ...input, graphType: 'workload' }, 'workload')).toBe(
      first,
    );
    await answer('versionedApp'); // drops service
    await answer('app'); // built again, drops workload
    expect(bases.size).toBe(2);
    const rebuilt = bases.get({ ...input, graphType: 'workload' }, 'workload');
    expect(rebuilt).not.toBe(first);
    expect(await answer('workload')).toEqual(before);
    expect(before.nodes.length).toBeGreaterThan(1);
    // What the successor of this snapshot will be asked for (../service/perSnapshot prepare).
    expect(bases.graphTypesOf(input.traffic).sort()).toEqual([
      'app',
      'service',
      'versionedApp',
      'workload',
    ]);
  });

  it('keep bases per snapshot: a new snapshot of the same traffic gets its own', async () => {
    const input = await demoInput();
    const bases = new MeshGraphBases();
    const base = bases.get({ ...input, graphType: 'app' }, 'app');
    const copy = { ...input, traffic: { ...input.traffic } };
    expect(bases.get({ ...copy, graphType: 'app' }, 'app')).not.toBe(base);
    expect(bases.get({ ...input, graphType: 'app' }, 'app')).toBe(base);
    expect(await base).toBe(
      await bases.get({ ...input, graphType: 'app' }, 'app'),
    );
  });
});

describeWithFixtures('focused graphs of real Istio scrapes', () => {
  const scrape = (file: string, extra: Record<string, string> = {}) => {
    const samples = parseExposition(
      fs.readFileSync(
        path.join(FIXTURES_DIR, 'prometheus-scrapes', file),
        'utf8',
      ),
    );
    const of = (name: string) =>
      samples
        .filter(s => s.name === name)
        .map(s => ({ labels: { ...s.labels, ...extra }, value: s.value }));
    return {
      requests: of('istio_requests_total'),
      tcpSent: of('istio_tcp_sent_bytes_total'),
      tcpReceived: of('istio_tcp_received_bytes_total'),
      latency: [],
    } satisfies TrafficSnapshot;
  };
  /** The workloads the series name (the scrapes come without their cluster's objects). */
  const workloadsOf = (traffic: TrafficSnapshot): Workload[] => {
    const seen = new Map<string, Workload>();
    for (const s of [...traffic.requests, ...traffic.tcpSent]) {
      for (const side of ['source', 'destination'] as const) {
        const name = s.labels[`${side}_workload`];
        const namespace = s.labels[`${side}_workload_namespace`];
        const cluster = s.labels[`${side}_cluster`] ?? 'unknown';
        if (!name || name === 'unknown' || !namespace) continue;
        seen.set(`${cluster}/${namespace}/${name}`, {
          cluster,
          namespace,
          name,
          kind: 'Deployment',
          labels: {},
          podLabels: { app: s.labels[`${side}_canonical_service`] ?? name },
          dataplane: 'sidecar',
        } as unknown as Workload);
      }
    }
    return [...seen.values()];
  };

  it.each([
    ['datadog-istio-1.24-ztunnel.txt', { app: 'ztunnel' }],
    ['datadog-istio-1.11-sidecar-istio-metrics-excerpt.txt', {}],
  ])('equal the cut of the full graph for %s', async (file, extra) => {
    const traffic = scrape(file, extra);
    const workloads = workloadsOf(traffic);
    expect(workloads.length).toBeGreaterThan(1);
    await expectSameForEveryFocus({
      windowSeconds: 60,
      time: new Date(0),
      traffic,
      workloads,
      services: [],
      owners: new Map(),
      clusterName: id => id,
      errors: [],
    });
  });
});
