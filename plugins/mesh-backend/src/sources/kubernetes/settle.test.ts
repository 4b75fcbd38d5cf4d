/*
 * `mesh.kubernetes.settleSeconds` (./ClusterWatchCache): a cluster that changes all the time makes
 * at most one new state per interval, and the first change after a quiet interval is taken at
 * once. Against the Kubernetes API test double with the real client; a second source of the same
 * cluster without settling tells when the watch event has arrived.
 */
import { bookinfoCluster } from '../../__testUtils__/kubeApi/meshFixtures';
import {
  LiveCluster,
  startLiveCluster,
} from '../../__testUtils__/kubeApi/liveCluster';
import { eventually } from '../../__testUtils__/recordingLogger';
import { KubernetesInventorySource } from './KubernetesInventorySource';

let cluster: LiveCluster;
afterEach(() => cluster.stop());

const faultNamed = (name: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: 'bookinfo' },
  spec: {
    hosts: ['ratings'],
    http: [{ route: [{ destination: { host: 'ratings' } }] }],
  },
});

const objects = async (source: KubernetesInventorySource) =>
  (await source.getClusterObjects('east')).value;
const has = async (source: KubernetesInventorySource, name: string) =>
  (await objects(source)).istio.some(o => o.metadata.name === name);

describe('settling a changing cluster', () => {
  it('keeps the state it took within the interval, whatever arrives meanwhile', async () => {
    cluster = await startLiveCluster(bookinfoCluster(), {
      settleSeconds: 3600,
    });
    const witness = cluster.sourceWith({ settleSeconds: 0 });
    const first = await objects(cluster.source);
    await objects(witness);
    cluster.server.apply(faultNamed('ratings-fault'));
    await eventually(() => has(witness, 'ratings-fault'));
    expect(await objects(cluster.source)).toBe(first);
    expect(await has(cluster.source, 'ratings-fault')).toBe(false);
  });

  it('takes the first change after a quiet interval at once, then waits out the interval', async () => {
    cluster = await startLiveCluster(bookinfoCluster(), { settleSeconds: 0.5 });
    const witness = cluster.sourceWith({ settleSeconds: 0 });
    await objects(cluster.source);
    await objects(witness);
    await new Promise(resolve => setTimeout(resolve, 700)); // quiet for longer than the interval
    cluster.server.apply(faultNamed('first'));
    await eventually(() => has(witness, 'first'));
    // Both watches get the event at once; the settled source takes it within less than an interval.
    await eventually(() => has(cluster.source, 'first'), 300);
    const taken = Date.now();
    // Within the interval of that state, a second change waits for the interval to pass.
    cluster.server.apply(faultNamed('second'));
    await eventually(() => has(witness, 'second'));
    if (Date.now() - taken < 400)
      expect(await has(cluster.source, 'second')).toBe(false);
    await eventually(() => has(cluster.source, 'second'), 5000);
  });
});
