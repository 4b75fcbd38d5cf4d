/*
 * A cluster changes pods all the time. Through the real client against the Kubernetes API test
 * double (no API server can run here) serving Bookinfo: a pod replaced makes a new inventory whose
 * Service and Istio lists are the previous ones (what is derived from them stays) and whose graph
 * bases name the same (../graph/baseInventoryKey); an Istio object changed keeps the workloads.
 */
import { baseInventoryKey } from '../graph/baseInventoryKey';
import { bookinfoCluster } from '../__testUtils__/kubeApi/meshFixtures';
import {
  LiveCluster,
  startLiveCluster,
} from '../__testUtils__/kubeApi/liveCluster';
import { eventually } from '../__testUtils__/recordingLogger';
import { Inventory, readInventory, serviceEntriesOf } from './readInventory';

let cluster: LiveCluster;
beforeEach(async () => {
  cluster = await startLiveCluster(bookinfoCluster());
});
afterEach(() => cluster.stop());

const read = () => readInventory({ inventory: cluster.source });
const baseKey = (inventory: Inventory) =>
  baseInventoryKey({
    ...inventory,
    serviceEntries: serviceEntriesOf(inventory),
  });

describe('readInventory over a changing cluster', () => {
  it('keeps the Service and Istio lists and the graph bases when a pod is replaced', async () => {
    const before = await read();
    expect(await read()).toMatchObject({
      workloads: before.workloads,
      services: before.services,
      istioObjects: before.istioObjects,
    });
    const pod = bookinfoCluster().find(
      o => o.kind === 'Pod' && o.metadata.name.startsWith('reviews-v2'),
    );
    cluster.server.store.remove(pod);
    cluster.server.apply({
      ...pod,
      metadata: { ...pod.metadata, name: 'reviews-v2-5f7c9-x2x9q' },
    });
    const after = await eventually(async () => {
      const inventory = await read();
      const reviews = inventory.workloads.find(w => w.name === 'reviews-v2');
      return (
        reviews?.pods.some(p => p.name === 'reviews-v2-5f7c9-x2x9q') &&
        inventory
      );
    });
    expect(after.workloads).not.toBe(before.workloads);
    expect(after.services).toBe(before.services);
    expect(after.istioObjects).toBe(before.istioObjects);
    expect(after.byCluster.get('east')!.objects.istio).toBe(
      before.byCluster.get('east')!.objects.istio,
    );
    expect(baseKey(after)).toBe(baseKey(before));
  });

  it('keeps the workloads when an Istio object changes, and names new bases when pod labels change', async () => {
    const before = await read();
    cluster.server.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'payments', namespace: 'bookinfo' },
      spec: {
        hosts: ['payments.example.com'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
      },
    });
    const withEntry = await eventually(async () => {
      const inventory = await read();
      return (
        inventory.istioObjects.length > before.istioObjects.length && inventory
      );
    });
    expect(withEntry.workloads).toBe(before.workloads);
    expect(withEntry.services).toBe(before.services);
    expect(baseKey(withEntry)).not.toBe(baseKey(before));

    const deployment = bookinfoCluster().find(
      o => o.kind === 'Deployment' && o.metadata.name === 'ratings-v1',
    );
    const template = deployment.spec.template;
    cluster.server.apply({
      ...deployment,
      spec: {
        ...deployment.spec,
        template: {
          ...template,
          metadata: {
            ...template.metadata,
            labels: { ...template.metadata.labels, version: 'v9' },
          },
        },
      },
    });
    const relabelled = await eventually(async () => {
      const inventory = await read();
      const ratings = inventory.workloads.find(w => w.name === 'ratings-v1');
      return ratings?.podLabels.version === 'v9' && inventory;
    });
    expect(relabelled.istioObjects).toBe(withEntry.istioObjects);
    expect(baseKey(relabelled)).not.toBe(baseKey(withEntry));
  });
});
