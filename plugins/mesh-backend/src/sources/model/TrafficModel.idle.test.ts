/*
 * Idle windows (./windowReads): two TrafficModels sharing Backstage's own cache (the in-memory
 * CacheManager; Redis between processes is covered by packages/backend's replicas test), with a
 * test double of the store (which snapshot each replica serves is tested, not Prometheus;
 * meshModel.prometheus.test reads a real one).
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { FakeModelStore } from '../../__testUtils__/fakeModelStore';
import { TrafficModel } from './TrafficModel';

/** 10m is the graph's default window (always refreshed); 1m may idle. */
const [DEFAULT_WINDOW, OTHER_WINDOW] = [600, 60];

function replicas(idleAfterMs = 60_000) {
  const cache = CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
    'mesh',
  );
  const woken: number[] = [];
  const store = new FakeModelStore();
  const model = (): TrafficModel =>
    new TrafficModel({
      store,
      windowsSeconds: [DEFAULT_WINDOW, OTHER_WINDOW],
      refreshMs: 30_000,
      cache,
      idleAfterMs,
      // As MeshModel's: the lane of the window runs now, on whichever replica the scheduler picks.
      wake: async w => {
        woken.push(w);
        await refresher.refresh(undefined, [w]);
      },
    });
  const refresher = model();
  return { refresher, reader: model(), woken, store };
}

const refreshed = async (model: TrafficModel) =>
  (await model.refresh()).map(r => r.windowSeconds);

describe('TrafficModel idle windows', () => {
  it('does not refresh a window no replica reads, but always the UI defaults', async () => {
    const { refresher } = replicas();
    expect(await refreshed(refresher)).toEqual([DEFAULT_WINDOW]);
    expect(await refreshed(refresher)).toEqual([DEFAULT_WINDOW]);
  });

  it('refreshes a window read on another replica, woken once by the read that found it asleep', async () => {
    const { refresher, reader, woken } = replicas();
    expect(reader.asleep(OTHER_WINDOW, await reader.read(OTHER_WINDOW))).toBe(
      true,
    );
    // The read woke the lane after marking the window read: that run refreshed it.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(woken).toEqual([OTHER_WINDOW]);
    const entry = await reader.read(OTHER_WINDOW);
    expect(entry).toBeDefined();
    expect(reader.asleep(OTHER_WINDOW, entry)).toBe(false);
    // Read since: every run refreshes it, and nothing wakes it again.
    expect(await refreshed(refresher)).toEqual([DEFAULT_WINDOW, OTHER_WINDOW]);
    expect(woken).toEqual([OTHER_WINDOW]);
  });

  it('stops refreshing a window again once unread for the idle time', async () => {
    const { refresher, reader } = replicas(300);
    await reader.read(OTHER_WINDOW);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(await refreshed(refresher)).toEqual([DEFAULT_WINDOW, OTHER_WINDOW]);
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(await refreshed(refresher)).toEqual([DEFAULT_WINDOW]);
  });

  it('calls a snapshot asleep once it missed two of its refreshes, never for the defaults', async () => {
    const { refresher } = replicas();
    await refresher.read(OTHER_WINDOW);
    await new Promise(resolve => setTimeout(resolve, 50));
    const entry = (await refresher.read(OTHER_WINDOW))!;
    // 1m is refreshed every 60 s at a 30 s interval: asleep after 2 × 60 s + 60 s.
    const aged = (ms: number) => ({ ...entry, time: Date.now() - ms });
    expect(refresher.asleep(OTHER_WINDOW, aged(170_000))).toBe(false);
    expect(refresher.asleep(OTHER_WINDOW, aged(190_000))).toBe(true);
    expect(refresher.asleep(DEFAULT_WINDOW, aged(3_600_000))).toBe(false);
    expect(refresher.asleep(DEFAULT_WINDOW, undefined)).toBe(false);
  });

  it('keeps refreshing every window without an idle time', async () => {
    const { refresher } = replicas(0);
    expect(await refreshed(refresher)).toEqual([DEFAULT_WINDOW, OTHER_WINDOW]);
    expect(refresher.asleep(OTHER_WINDOW, undefined)).toBe(false);
  });

  it("reads a window's latency only while a reader wants it, on any replica; the graph's always", async () => {
    const { refresher, reader, store } = replicas(300);
    const latencyRead = () =>
      Object.fromEntries(
        store.reads.splice(0).map(r => [r.windowSeconds, !r.withoutLatency]),
      );
    // Read, but not its latency (as health reads): refreshed without it.
    await reader.read(OTHER_WINDOW);
    await new Promise(resolve => setTimeout(resolve, 50));
    await refresher.refresh();
    expect(latencyRead()).toEqual({
      [DEFAULT_WINDOW]: true,
      [OTHER_WINDOW]: false,
    });
    const lean = (await refresher.read(OTHER_WINDOW))!;
    expect(lean.withoutLatency).toBe(true);
    // A reader on the other replica wants its latency: the next refresh reads it.
    await reader.read(OTHER_WINDOW, { latency: true });
    await new Promise(resolve => setTimeout(resolve, 50));
    await refresher.refresh();
    expect(latencyRead()).toEqual({
      [DEFAULT_WINDOW]: true,
      [OTHER_WINDOW]: true,
    });
    expect(
      (await refresher.read(OTHER_WINDOW))!.withoutLatency,
    ).toBeUndefined();
    // Unread for the idle time: without it again (the window itself read all along).
    await new Promise(resolve => setTimeout(resolve, 400));
    await refresher.read(OTHER_WINDOW);
    await refresher.refresh();
    expect(latencyRead()).toEqual({
      [DEFAULT_WINDOW]: true,
      [OTHER_WINDOW]: false,
    });
  });
});
