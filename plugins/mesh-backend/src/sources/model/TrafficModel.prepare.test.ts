/*
 * A model's new snapshot reaches requests only once what they compute of it is computed
 * (TrafficModel `prepare`, wired to ../../service/perSnapshot in ../../service/createServices):
 * meanwhile they read the previous snapshot. Replicas share Backstage's in-memory cache; the store
 * is a test double returning given snapshots (Prometheus is not what is tested here).
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { emptySnapshot, TrafficSnapshot } from '../types';
import { FakeModelStore } from '../../__testUtils__/fakeModelStore';
import { TrafficModel } from './TrafficModel';
import { samplesOf } from '../sampleList';

const snapshotOf = (value: number): TrafficSnapshot => ({
  ...emptySnapshot(),
  requests: [{ labels: { source_workload_namespace: 'a' }, value }],
});

/** A preparation that finishes when the test says so, recording what it was given. */
function gatedPreparer() {
  const calls: Array<[TrafficSnapshot, TrafficSnapshot | undefined]> = [];
  let open: () => void = () => {};
  let gate = Promise.resolve();
  return {
    calls,
    close() {
      gate = new Promise(resolve => (open = resolve));
    },
    open: () => open(),
    prepare: async (next: TrafficSnapshot, previous?: TrafficSnapshot) => {
      calls.push([next, previous]);
      await gate;
    },
  };
}

function modelWith(
  store: FakeModelStore,
  options: Partial<ConstructorParameters<typeof TrafficModel>[0]> = {},
) {
  return new TrafficModel({
    store,
    windowsSeconds: [60],
    refreshMs: 30_000,
    ...options,
  });
}

/** A model over a store double whose snapshots are prepared by a gated preparer. */
function gatedModel() {
  const store = new FakeModelStore('store-prepare');
  const gated = gatedPreparer();
  return { store, gated, model: modelWith(store, { prepare: gated.prepare }) };
}

describe('TrafficModel preparing snapshots', () => {
  it('serves the previous snapshot until the new one is prepared', async () => {
    const { store, gated, model } = gatedModel();
    store.next = { value: snapshotOf(1), errors: [] };
    await model.refresh();
    const first = (await model.read(60))!.snapshot;
    expect(gated.calls).toEqual([[first, undefined]]);

    gated.close();
    store.next = { value: snapshotOf(2), errors: [] };
    const refreshing = model.refresh();
    await new Promise(resolve => setTimeout(resolve, 20));
    // Prepared or not, the refresh has read the store: requests still get the previous one.
    expect(gated.calls).toHaveLength(2);
    expect(gated.calls[1][1]).toBe(first);
    expect((await model.read(60))!.snapshot).toBe(first);
    gated.open();
    await refreshing;
    expect((await model.read(60))!.snapshot).toBe(gated.calls[1][0]);
    expect(samplesOf((await model.read(60))!.snapshot.requests)[0].value).toBe(
      2,
    );
  });

  it('prepares a snapshot another replica refreshed before serving it', async () => {
    const cache = CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
      'mesh',
    );
    const store = new FakeModelStore('store-prepare');
    const gated = gatedPreparer();
    const refresher = modelWith(store, { cache });
    const reader = modelWith(store, { cache, prepare: gated.prepare });
    store.next = { value: snapshotOf(3), errors: [] };
    await refresher.refresh();
    const served = await reader.read(60);
    expect(samplesOf(served!.snapshot.requests)[0].value).toBe(3);
    expect(gated.calls).toEqual([[served!.snapshot, undefined]]);
  });

  it('installs the snapshot anyway when preparing fails or takes too long', async () => {
    const store = new FakeModelStore('store-prepare');
    const failing = modelWith(store, {
      prepare: async () => {
        throw new Error('boom');
      },
      logger: mockServices.logger.mock(),
    });
    store.next = { value: snapshotOf(4), errors: [] };
    await failing.refresh();
    expect(
      samplesOf((await failing.read(60))!.snapshot.requests)[0].value,
    ).toBe(4);

    const gated = gatedPreparer();
    gated.close(); // never opened
    const slow = modelWith(store, {
      prepare: gated.prepare,
      prepareTimeoutMs: 50,
    });
    await slow.refresh();
    expect(samplesOf((await slow.read(60))!.snapshot.requests)[0].value).toBe(
      4,
    );
  });

  it('does not prepare a refresh that failed (the previous snapshot stays)', async () => {
    const { store, gated, model } = gatedModel();
    store.next = { value: snapshotOf(5), errors: [] };
    await model.refresh();
    store.next = {
      value: emptySnapshot(),
      errors: [{ source: 'telemetry', errorType: 'TIMEOUT', message: 'slow' }],
    };
    await model.refresh();
    expect(gated.calls).toHaveLength(1);
    expect((await model.read(60))?.errors).toHaveLength(1);
  });
});
