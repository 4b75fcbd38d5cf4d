/*
 * A graph base is kept for every inventory that names the same (./baseInventoryKey): that is only
 * right while bases read nothing the name leaves out. So an inventory changed in everything else
 * — what a cluster changes all the time: pods replaced, scaled, becoming ready; controller labels,
 * Service ports — must give bases equal to the kept ones, for every graph type of the demo mesh.
 */
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { demoInput } from './__testUtils__/demoGraphInput';
import { baseInventoryKey, BaseInventory } from './baseInventoryKey';
import { buildMeshGraphBase } from './meshGraphBase';

const GRAPH_TYPES: MeshGraphType[] = [
  'workload',
  'app',
  'versionedApp',
  'service',
];

/** What a cluster changes between two watch events, without touching what bases read. */
function churned(input: BaseInventory): BaseInventory {
  return {
    workloads: input.workloads.map(
      (w): Workload => ({
        ...w,
        labels: { ...w.labels, 'pod-template-hash': '7d4b9c8f6' },
        serviceAccount: `${w.serviceAccount ?? 'default'}-rotated`,
        desired: w.desired + 2,
        current: w.current + 1,
        available: 0,
        dataplane: w.dataplane === 'sidecar' ? 'none' : 'sidecar',
        pods: [
          ...w.pods.map(p => ({ ...p, ready: !p.ready, phase: 'Pending' })),
          {
            name: `${w.name}-5f7c9-x2x9q`,
            ready: false,
            phase: 'Pending',
            dataplane: 'none',
          },
        ],
        // A copy of the labels: equal, not the same object.
        podLabels: { ...w.podLabels },
      }),
    ),
    services: input.services.map(s => ({
      ...s,
      metadata: {
        ...s.metadata,
        labels: { churned: 'yes' },
        resourceVersion: '99',
      },
      spec: { ...s.spec, ports: [], clusterIP: '10.0.0.99' },
    })),
    serviceEntries: input.serviceEntries?.map(e => ({
      ...e,
      metadata: { ...e.metadata, resourceVersion: '99' },
    })),
  };
}

describe('baseInventoryKey', () => {
  it('names an inventory changed only in what bases do not read the same, and the bases are equal', async () => {
    const input = await demoInput();
    const changed = churned(input);
    expect(baseInventoryKey(changed)).toBe(baseInventoryKey(input));
    for (const graphType of GRAPH_TYPES) {
      const kept = buildMeshGraphBase({ ...input, graphType });
      expect(kept.map.nodes.size).toBeGreaterThan(10);
      expect(buildMeshGraphBase({ ...input, ...changed, graphType })).toEqual(
        kept,
      );
    }
  });

  it('names differently what bases read: pod labels, a selector, the workloads, a ServiceEntry', async () => {
    const input = await demoInput();
    const key = baseInventoryKey(input);
    const [first, ...rest] = input.workloads;
    const variants: BaseInventory[] = [
      {
        ...input,
        workloads: [
          { ...first, podLabels: { ...first.podLabels, version: 'v9' } },
          ...rest,
        ],
      },
      { ...input, workloads: rest },
      { ...input, workloads: [...rest, first] },
      {
        ...input,
        services: input.services.map((s, i) =>
          i === 0
            ? { ...s, spec: { ...s.spec, selector: { app: 'other' } } }
            : s,
        ),
      },
      {
        ...input,
        serviceEntries: input.serviceEntries!.map((e, i) =>
          i === 0
            ? { ...e, spec: { ...e.spec, hosts: ['moved.example.com'] } }
            : e,
        ),
      },
      { ...input, serviceEntries: [] },
    ];
    const keys = variants.map(baseInventoryKey);
    for (const k of keys) expect(k).not.toBe(key);
    expect(new Set(keys).size).toBe(variants.length);
  });
});
