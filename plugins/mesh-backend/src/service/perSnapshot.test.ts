/*
 * What a model's new snapshot gets computed before requests read it (PerSnapshot.prepare, run by
 * ../sources/model/TrafficModel through the `prepareSnapshots` wiring of ./createServices): its
 * object health, and a graph base of every graph type requests read of the snapshot it replaces —
 * so the first requests of the new snapshot find them ready. The inventory and traffic are the
 * embedded demo's (in-process sources, no Prometheus: what is tested is the bookkeeping).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMeshConfig } from '../config/readMeshConfig';
import { createSources } from '../sources/createSources';
import { TrafficSnapshot } from '../sources/types';
import { clusterNamingOf, PerSnapshot } from './perSnapshot';
import { readInventory, serviceEntriesOf } from './readInventory';
import { readTraffic } from './readTraffic';
import { Workload } from '../kube/workloads';

async function demo() {
  const sources = createSources(
    readMeshConfig(new ConfigReader({ mesh: { demo: { enabled: true } } })),
    { logger: mockServices.logger.mock() },
  );
  const inventory = await readInventory(sources);
  const traffic = async () =>
    (await readTraffic(sources, ['demo'], 600, new Date())).snapshot;
  return { inventory, traffic };
}

describe('PerSnapshot.prepare', () => {
  it('computes the object health and the graph bases the replaced snapshot was asked for', async () => {
    const { inventory, traffic } = await demo();
    const perSnapshot = new PerSnapshot();
    const { clusterName } = clusterNamingOf(inventory);
    const inputOf = (
      snapshot: TrafficSnapshot,
      graphType: 'app' | 'service',
    ) => ({
      graphType,
      traffic: snapshot,
      workloads: inventory.workloads,
      services: inventory.services,
      serviceEntries: serviceEntriesOf(inventory),
      clusterName,
    });
    const previous = await traffic();
    const next = await traffic();
    expect(next).not.toBe(previous);
    await perSnapshot.graphBase(inputOf(previous, 'app'), inventory);
    await perSnapshot.graphBase(inputOf(previous, 'service'), inventory);

    await perSnapshot.objectHealthOf(previous, inventory);
    expect(perSnapshot.basesKept).toBe(2);
    expect(perSnapshot.hasObjectHealth(next, inventory)).toBe(false);
    await perSnapshot.prepare(next, previous, inventory);
    expect(perSnapshot.hasObjectHealth(next, inventory)).toBe(true);
    // Built before any request of the new snapshot asked.
    expect(perSnapshot.basesKept).toBe(4);
    expect(perSnapshot.graphTypesOf(next).sort()).toEqual(['app', 'service']);
    // Asked for now, they are the ones prepared: no new computation starts.
    const app = await perSnapshot.graphBase(inputOf(next, 'app'), inventory);
    await perSnapshot.graphBase(inputOf(next, 'service'), inventory);
    expect(perSnapshot.basesKept).toBe(4);
    expect(app.map.nodes.size).toBeGreaterThan(3);
    const health = await perSnapshot.objectHealthOf(next, inventory);
    expect((await perSnapshot.objectHealthOf(next, inventory)).health).toBe(
      health.health,
    );
  });

  it('prepares only what was asked of the replaced snapshot, nothing for a first one', async () => {
    const { inventory, traffic } = await demo();
    const perSnapshot = new PerSnapshot();
    const first = await traffic();
    await perSnapshot.prepare(first, undefined, inventory);
    expect(perSnapshot.hasObjectHealth(first, inventory)).toBe(false);
    expect(perSnapshot.basesKept).toBe(0);
    // Nobody asked anything of `first` (a window no view reads): its successor costs nothing.
    const second = await traffic();
    await perSnapshot.prepare(second, first, inventory);
    expect(perSnapshot.hasObjectHealth(second, inventory)).toBe(false);
    expect(perSnapshot.basesKept).toBe(0);
  });

  it('keeps a graph base for an inventory whose pods changed, and builds one when pod labels change', async () => {
    const { inventory, traffic } = await demo();
    const perSnapshot = new PerSnapshot();
    const snapshot = await traffic();
    const base = (inv: typeof inventory) =>
      perSnapshot.graphBase(
        {
          graphType: 'workload',
          traffic: snapshot,
          workloads: inv.workloads,
          services: inv.services,
          serviceEntries: serviceEntriesOf(inv),
          clusterName: clusterNamingOf(inv).clusterName,
        },
        inv,
      );
    const kept = base(inventory);
    // A pod of every workload replaced and not ready yet: a new inventory, the same base.
    const restarted = {
      ...inventory,
      workloads: inventory.workloads.map(w => ({
        ...w,
        available: 0,
        pods: w.pods.map(p => ({ ...p, name: `${p.name}-new`, ready: false })),
      })),
    };
    expect(base(restarted)).toBe(kept);
    const relabelled = {
      ...inventory,
      workloads: inventory.workloads.map(w => ({
        ...w,
        podLabels: { ...w.podLabels, version: 'v9' },
      })),
    };
    expect(base(relabelled)).not.toBe(kept);
    expect(perSnapshot.basesKept).toBe(2);
  });

  it('names an inventory for mesh-wide answers without its replica counts or pods, with what they show', async () => {
    const { inventory } = await demo();
    const perSnapshot = new PerSnapshot();
    const id = perSnapshot.answerInventoryId(inventory);
    const withWorkloads = (change: (w: Workload) => Workload) => ({
      ...inventory,
      workloads: inventory.workloads.map(change),
    });
    // A rollout under way: replicas unavailable, pods replaced and not ready.
    expect(
      perSnapshot.answerInventoryId(
        withWorkloads(w => ({
          ...w,
          current: w.current + 1,
          available: 0,
          pods: w.pods.map(p => ({ ...p, name: `${p.name}-2`, ready: false })),
        })),
      ),
    ).toBe(id);
    const changed = [
      withWorkloads(w => ({ ...w, dataplane: 'none' })),
      withWorkloads(w => ({ ...w, labels: { ...w.labels, team: 'other' } })),
      withWorkloads(w => ({
        ...w,
        podLabels: { ...w.podLabels, version: 'v9' },
      })),
      { ...inventory, workloads: inventory.workloads.slice(1) },
      { ...inventory, istioObjects: [...inventory.istioObjects] },
      { ...inventory, services: [...inventory.services] },
    ].map(i => perSnapshot.answerInventoryId(i));
    for (const other of changed) expect(other).not.toBe(id);
    expect(new Set(changed).size).toBe(changed.length);
  });
});
