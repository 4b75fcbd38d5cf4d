/*
 * The model's bookkeeping between replicas: two TrafficModels sharing Backstage's own cache (the
 * in-memory CacheManager; Redis between processes is covered by packages/backend's replicas
 * test). The store here is a test double that returns a given snapshot or error — what is tested
 * is which snapshot each replica serves, not Prometheus (meshModel.prometheus.test uses a real one).
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { emptySnapshot } from '../types';
import { selectTraffic } from './ModelTelemetrySource';
import { FakeModelStore } from '../../__testUtils__/fakeModelStore';
import { ModelStore, TrafficModel } from './TrafficModel';
import { samplesOf } from '../sampleList';

const sample = (source: string, destination: string, value: number) => ({
  labels: {
    source_workload_namespace: source,
    destination_service_namespace: destination,
  },
  value,
});

const unreachable: MeshSourceError = {
  source: 'telemetry',
  errorType: 'UNREACHABLE',
  message: 'Prometheus (requests): connection refused',
};

function replicas() {
  const cache = CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
    'mesh',
  );
  const store = new FakeModelStore();
  const logger = mockServices.logger.mock();
  const model = () =>
    new TrafficModel({
      store,
      windowsSeconds: [60],
      refreshMs: 30_000,
      cache,
      logger,
    });
  return { store, logger, refresher: model(), reader: model() };
}

describe('TrafficModel', () => {
  it('lets a replica that does not refresh serve the snapshot another one refreshed', async () => {
    const { store, refresher, reader } = replicas();
    expect(await reader.read(60)).toBeUndefined(); // warming up
    expect(reader.covers(300)).toBe(false);

    store.next = {
      value: { ...emptySnapshot(), requests: [sample('a', 'b', 1)] },
      errors: [],
    };
    await refresher.refresh();
    const served = await reader.read(60);
    expect(samplesOf(served!.snapshot.requests)).toEqual([sample('a', 'b', 1)]);
    expect(served?.time).toBe((await refresher.read(60))?.time);
  });

  it('keeps serving the previous snapshot, with the errors, when a refresh fails', async () => {
    const { store, refresher } = replicas();
    store.next = {
      value: { ...emptySnapshot(), requests: [sample('a', 'b', 1)] },
      errors: [],
    };
    const [first] = await refresher.refresh();
    expect(first).toMatchObject({ windowSeconds: 60, samples: 1 });
    const before = await refresher.read(60);

    store.next = { value: emptySnapshot(), errors: [unreachable] };
    const [failed] = await refresher.refresh();
    expect(failed.failed).toBe(true);
    const after = await refresher.read(60);
    expect(after?.snapshot).toEqual(before?.snapshot);
    expect(after?.time).toBe(before?.time);
    expect(after?.errors).toEqual([unreachable]);
  });

  it('serves the previous snapshot one refresh longer when a read answers no series at all', async () => {
    const { store, logger, refresher, reader } = replicas();
    const traffic = {
      value: { ...emptySnapshot(), requests: [sample('a', 'b', 1)] },
      errors: [],
    };
    store.next = traffic;
    await refresher.refresh();
    const before = await refresher.read(60);

    // rate() over a 1m window that holds one scrape of each series: nothing, and no error.
    store.next = { value: emptySnapshot(), errors: [] };
    const [empty] = await refresher.refresh();
    expect(empty).toMatchObject({ samples: 0, failed: false });
    const kept = await refresher.read(60);
    expect(kept?.snapshot).toBe(before?.snapshot);
    expect(kept?.time).toBe(before?.time); // its age grows in responses
    expect(kept?.keptOverEmptyRead).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        '60 s window read no series where the last read had 1',
      ),
    );
    // Shared: whichever replica refreshes next knows it was kept once already.
    expect((await reader.read(60))?.keptOverEmptyRead).toBe(true);

    // A failing refresh meanwhile keeps it with its errors, and is no empty read to warn of.
    store.next = { value: emptySnapshot(), errors: [unreachable] };
    await refresher.refresh();
    expect((await refresher.read(60))?.snapshot).toBe(before?.snapshot);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    store.next = { value: emptySnapshot(), errors: [] };

    // Empty again: the mesh did go silent, and is shown so.
    await refresher.refresh();
    const silent = await refresher.read(60);
    expect(samplesOf(silent!.snapshot.requests)).toEqual([]);
    expect(silent!.time).toBeGreaterThanOrEqual(before!.time);
    expect(silent?.keptOverEmptyRead).toBeUndefined();

    // Traffic again, then one empty read: kept once more.
    store.next = traffic;
    await refresher.refresh();
    store.next = { value: emptySnapshot(), errors: [] };
    await refresher.refresh();
    expect((await refresher.read(60))?.keptOverEmptyRead).toBe(true);
  });

  it('answers a first refresh that failed with its errors', async () => {
    const { store, refresher } = replicas();
    store.next = { value: emptySnapshot(), errors: [unreachable] };
    await refresher.refresh();
    expect((await refresher.read(60))?.errors).toEqual([unreachable]);
  });
});

describe('selectTraffic', () => {
  it('keeps traffic out of or into the namespaces, and drops latency when not wanted', () => {
    const snapshot = {
      ...emptySnapshot(),
      requests: [sample('a', 'b', 1), sample('c', 'a', 2), sample('c', 'd', 3)],
      latency: [sample('a', 'b', 10)],
    };
    expect(
      samplesOf(selectTraffic(snapshot, { namespaces: ['a'] }).requests),
    ).toEqual([sample('a', 'b', 1), sample('c', 'a', 2)]);
    expect(selectTraffic(snapshot, {}).requests).toHaveLength(3);
    expect(selectTraffic(snapshot, { withoutLatency: true }).latency).toEqual(
      [],
    );
  });

  it('reads one window at a time, whichever lane asks, each at its own time', async () => {
    let reading = 0;
    let most = 0;
    const times: number[] = [];
    const store: ModelStore = {
      storeIdentity: 'store-a',
      sourceNamespaces: async () => [],
      getTraffic: async query => {
        most = Math.max(most, ++reading);
        times.push(query.time.getTime());
        await new Promise(r => setTimeout(r, 50));
        reading--;
        return { value: emptySnapshot(), errors: [] };
      },
    };
    const model = new TrafficModel({
      store,
      windowsSeconds: [60, 600, 3600],
      refreshMs: 30_000,
    });
    // Two lanes refreshing at once, as two scheduler tasks do.
    await Promise.all([
      model.refresh(undefined, [600, 60]),
      model.refresh(undefined, [3600]),
    ]);
    expect(most).toBe(1);
    expect(times).toHaveLength(3);
    expect(times[2] - times[0]).toBeGreaterThanOrEqual(90);
  });
});
