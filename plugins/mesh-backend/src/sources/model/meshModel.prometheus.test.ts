/*
 * The mesh model end to end: the plugin in a test backend, the demo mesh's metrics in a real
 * Prometheus behind a proxy that holds requests as long as the test wants (a slow Prometheus).
 * Backstage's mock scheduler stands in for the real one here only so the test decides when the
 * refresh task runs; one refresh per interval across replicas is tested with the real scheduler
 * on PostgreSQL (packages/backend/src/meshModel.replicas.test.ts).
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { GatedProxy, startGatedProxy } from '../../__testUtils__/gatedProxy';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startDemoPrometheus,
} from '../../__testUtils__/prometheus';
import { entityUrl, startMeshBackend } from '../../__testUtils__/testBackend';
import { MODEL_REFRESH_TASK } from './MeshModel';

async function startWithModel(prometheusUrl: string, refreshSeconds = 30) {
  const scheduler: SchedulerService = mockServices.scheduler();
  const server = await startMeshBackend({
    config: {
      mesh: {
        demo: { prometheus: { url: prometheusUrl } },
        telemetry: { model: { refreshSeconds } },
      },
    },
    features: [
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
    ],
  });
  return {
    server,
    refresh: (task = MODEL_REFRESH_TASK) => scheduler.triggerTask(task),
    tasks: async () => (await scheduler.getScheduledTasks()).map(t => t.id),
    graph: async (query = '') => {
      const res = await request(server).get(
        entityUrl('productpage', 'graph', query),
      );
      expect(res.status).toBe(200);
      return res.body as MeshEntityGraphResponse;
    },
    health: async (query = '') => {
      const res = await request(server).get(
        entityUrl('productpage', 'health', query),
      );
      expect(res.status).toBe(200);
      return res.body as MeshEntityHealthResponse;
    },
  };
}

describeWithPrometheus('the mesh model', () => {
  let prometheus: RunningPrometheus;
  let proxy: GatedProxy;
  beforeAll(async () => {
    prometheus = await startDemoPrometheus();
    proxy = await startGatedProxy(prometheus.url);
  }, 60_000);
  afterEach(() => {
    proxy.release();
    proxy.recover();
  });
  afterAll(async () => {
    await proxy?.close();
    await prometheus?.stop();
  });

  it('answers at once with a warming-up state before the first refresh completes', async () => {
    const backend = await startWithModel(proxy.url);
    proxy.hold();
    const before = proxy.queries;
    const warming = await backend.graph();
    expect(warming.telemetry).toEqual({ state: 'warmingUp' });
    expect(warming.edges).toEqual([]);
    expect(warming.mapping.workloads.map(w => w.name)).toEqual([
      'productpage-v1',
    ]);
    expect(proxy.queries).toBe(before); // the request sent nothing to Prometheus

    proxy.release();
    await backend.refresh();
    const ready = await backend.graph();
    expect(ready.telemetry?.state).toBe('model');
    expect(ready.edges.length).toBeGreaterThan(0);
  });

  it('keeps answering "warming up" while a first refresh is slow, adding no query to it', async () => {
    const backend = await startWithModel(proxy.url, 1);
    proxy.hold();
    const refreshing = backend.refresh();
    while (proxy.held === 0) await new Promise(r => setTimeout(r, 20));
    // Well past 3 refresh intervals of 1 s, the first refresh still waits on Prometheus.
    await new Promise(r => setTimeout(r, 3500));
    const sent = proxy.queries;
    const warming = await backend.graph();
    expect(warming.telemetry).toEqual({ state: 'warmingUp' });
    expect(proxy.queries).toBe(sent);

    proxy.release();
    await refreshing;
    expect((await backend.graph()).telemetry?.state).toBe('model');
  });

  it('lets requests read Prometheus themselves while refreshes fail before any succeeded', async () => {
    const backend = await startWithModel(proxy.url, 1);
    proxy.fail();
    await backend.refresh();
    // The store answers requests again (a scoped read may succeed where the mesh-wide one fails).
    proxy.recover();
    const sent = proxy.queries;
    const live = await backend.graph();
    expect(live.telemetry?.state).toBe('live');
    expect(live.errors).toEqual([]);
    expect(live.edges.length).toBeGreaterThan(0);
    expect(proxy.queries).toBeGreaterThan(sent);

    // Once a refresh succeeds, requests read the model again; a later failure keeps its snapshot.
    await backend.refresh();
    expect((await backend.graph()).telemetry?.state).toBe('model');
    proxy.fail();
    await backend.refresh();
    const kept = await backend.graph();
    expect(kept.telemetry?.state).toBe('model');
    expect(kept.edges.length).toBeGreaterThan(0);
    expect(kept.errors.map(e => e.errorType)).toContain('BAD_RESPONSE');
  });

  it('never makes a request wait on a slow Prometheus once the model exists, and says how old the data is', async () => {
    const backend = await startWithModel(proxy.url);
    await backend.refresh();
    const first = await backend.graph();
    expect(first.telemetry?.state).toBe('model');
    expect(first.errors).toEqual([]);
    const firstTime = first.telemetry!.dataTime!;

    // The next refresh hangs on Prometheus: requests are still answered, from the model.
    proxy.hold();
    const held = Date.now();
    const refreshing = backend.refresh();
    while (proxy.held === 0) await new Promise(r => setTimeout(r, 20));
    const during = await backend.graph();
    const health = await request(backend.server).get(
      entityUrl('productpage', 'health'),
    );
    expect(proxy.held).toBeGreaterThan(0); // the refresh is still waiting
    expect(during.telemetry).toEqual({
      state: 'model',
      dataTime: firstTime,
      dataAgeSeconds: expect.any(Number),
    });
    expect(during.telemetry!.dataAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(during.edges.length).toBe(first.edges.length);
    expect(health.status).toBe(200);
    const healthBody: MeshEntityHealthResponse = health.body;
    // Health reads its own window of the model, refreshed before the hold too.
    expect(healthBody.telemetry?.state).toBe('model');
    expect(Date.parse(healthBody.telemetry!.dataTime!)).toBeLessThan(held);

    proxy.release();
    await refreshing;
    const after = await backend.graph();
    expect(Date.parse(after.telemetry!.dataTime!)).toBeGreaterThan(
      Date.parse(firstTime),
    );
  });

  it('refreshes the default windows every interval, the others in their own, longer lanes once read', async () => {
    const backend = await startWithModel(proxy.url);
    expect(await backend.tasks()).toEqual([
      MODEL_REFRESH_TASK,
      `${MODEL_REFRESH_TASK}-60s`,
      `${MODEL_REFRESH_TASK}-360s`,
    ]);
    await backend.refresh();
    expect((await backend.graph()).telemetry?.state).toBe('model');
    expect((await backend.health('?window=5m')).telemetry?.state).toBe('model');
    // Nobody read 1m or 1h yet: their lanes run without reading Prometheus.
    let sent = proxy.queries;
    await backend.refresh(`${MODEL_REFRESH_TASK}-60s`);
    await backend.refresh(`${MODEL_REFRESH_TASK}-360s`);
    expect(proxy.queries).toBe(sent);
    // A read of 1m is answered on demand, and wakes its lane: the next reads are the model's.
    const first = await backend.graph('?window=1m');
    expect(first.telemetry?.state).toBe('live');
    expect(first.edges.length).toBeGreaterThan(0);
    expect(proxy.queries).toBeGreaterThan(sent);
    let state = first.telemetry?.state;
    for (let i = 0; i < 100 && state !== 'model'; i++) {
      await new Promise(r => setTimeout(r, 50));
      state = (await backend.graph('?window=1m')).telemetry?.state;
    }
    expect(state).toBe('model');
    sent = proxy.queries;
    expect((await backend.graph('?window=1m')).telemetry?.state).toBe('model');
    expect(proxy.queries).toBe(sent);
    // Its lane keeps it current from now on; the hour's still reads nothing.
    await backend.refresh(`${MODEL_REFRESH_TASK}-60s`);
    expect(proxy.queries).toBeGreaterThan(sent);
    sent = proxy.queries;
    await backend.refresh(`${MODEL_REFRESH_TASK}-360s`);
    expect(proxy.queries).toBe(sent);
  });

  it('queries windows outside the model on demand', async () => {
    const backend = await startWithModel(proxy.url);
    await backend.refresh();
    const before = proxy.queries;
    const graph = await backend.graph('?window=2m');
    expect(graph.telemetry?.state).toBe('live');
    expect(proxy.queries).toBeGreaterThan(before);
    // A canonical window sends nothing.
    const sent = proxy.queries;
    expect((await backend.graph('?window=10m')).telemetry?.state).toBe('model');
    expect((await backend.health('?window=5m')).telemetry?.state).toBe('model');
    expect(proxy.queries).toBe(sent);
  });

  it("sends a refresh's histogram beside its other queries, those one at a time", async () => {
    const backend = await startWithModel(proxy.url);
    proxy.resetInFlight();
    const sent = proxy.queries;
    await backend.refresh();
    // 10m's four queries, then 5m's three (no latency): never more than two in flight.
    expect(proxy.queries - sent).toBe(7);
    expect(proxy.mostInFlight).toBe(2);
  });

  it("reads health's window without latency until a graph of that window wants it", async () => {
    const backend = await startWithModel(proxy.url);
    const latencyQueries = (() => {
      const before = proxy.latencyQueries;
      return () => proxy.latencyQueries - before;
    })();
    await backend.refresh();
    // The graph's 10m reads latency; health's 5m does not (health reads none).
    expect(latencyQueries()).toBe(1);
    const sent = proxy.queries;
    expect((await backend.health('?window=5m')).telemetry?.state).toBe('model');
    expect(proxy.queries).toBe(sent);
    // A graph of 5m wants latency: answered on demand, with it, and the read is marked.
    const onDemand = await backend.graph('?window=5m');
    expect(onDemand.telemetry?.state).toBe('live');
    expect(onDemand.edges.some(e => e.latency)).toBe(true);
    expect(latencyQueries()).toBe(2);
    // The next refresh reads 5m's latency too, and the graph of 5m is the model's.
    await backend.refresh();
    expect(latencyQueries()).toBe(4);
    const modelled = await backend.graph('?window=5m');
    expect(modelled.telemetry?.state).toBe('model');
    expect(modelled.edges.some(e => e.latency)).toBe(true);
    expect(latencyQueries()).toBe(4);
  });
});
