/*
 * The in-process half of bench:scale (./scaleBench): against a Prometheus already scraping a
 * synthetic mesh, the 4 mesh-wide queries of one read sent straight to Prometheus (rawPromqlMs)
 * against the mesh model's refresh of that window (refreshMs: the same queries through the
 * plugin's store), and the heap the model of that window then holds (after full GCs; run with
 * --expose-gc). The backend refreshes each canonical window on its own schedule
 * (../src/sources/model/refreshLanes: 10m and 5m every interval, 1m too, 1h every 6 minutes).
 */
import { TrafficModel } from '../src/sources/model/TrafficModel';
import { packedBytes } from '../src/sources/sampleList';
import { PrometheusClient } from '../src/sources/prometheus/PrometheusClient';
import {
  latencyForm,
  PrometheusTelemetrySource,
} from '../src/sources/prometheus/PrometheusTelemetrySource';
import { CachedPrometheus } from '../src/sources/prometheus/QueryCache';
import { istioMetricNames } from '../src/telemetry/istioMetrics';
import { percentile } from './scaleUsers';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const ROUNDS = Number(process.env.BENCH_MODEL_ROUNDS ?? 3);
const heapMb = () => {
  for (let i = 0; i < 3; i++) global.gc?.();
  // Packed samples live in typed arrays, outside V8's heap.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
};

export interface ModelFigures {
  rawPromqlMs: number;
  refreshMs: number;
  refreshToRawRatio: number;
  /** Each round's raw read and refresh (BENCH_MODEL_ROUNDS, 3): the figures above are their medians. */
  rawPromqlRoundsMs: number[];
  refreshRoundsMs: number[];
  /** Parts the store's refusals split the refresh into (1: one mesh-wide read). */
  refreshParts: number;
  modelSamples: number;
  modelHeapMB: number;
  /** The samples' typed arrays (outside V8's heap). */
  modelArraysMB: number;
}

export async function measureModel(options: {
  prometheusUrl: string;
  workloadRecordingRules: boolean;
  windowSeconds: number;
}): Promise<ModelFigures> {
  const { prometheusUrl, workloadRecordingRules, windowSeconds } = options;
  const store = new PrometheusTelemetrySource(
    new CachedPrometheus(
      new PrometheusClient({
        url: prometheusUrl,
        // Generous: this measures how long the read takes, however slow the machine.
        timeoutMs: 600_000,
        maxResponseBytes: 1024 * 1024 * 1024,
      }),
    ),
    { clusters: ['bench'], workloadRecordingRules },
  );
  // Exactly the queries a refresh sends (its latency read is the bucket rates, see
  // PrometheusTelemetrySource), so that the ratio compares like with like.
  const queries = PrometheusTelemetrySource.queries(
    { windowSeconds },
    istioMetricNames(workloadRecordingRules),
    latencyForm({ exact: true }),
  );
  const rawRead = async () => {
    const time = Date.now() / 1000;
    const start = now();
    await Promise.all(
      Object.values(queries).map(query =>
        fetch(`${prometheusUrl}/api/v1/query`, {
          method: 'POST',
          body: new URLSearchParams({ query, time: String(time) }),
        }).then(r => r.text()),
      ),
    );
    return now() - start;
  };
  // Heap held by the model of that window (the backend's model holds one such per canonical
  // window): the heap with it minus the heap once it is released, so that buffers the reads left
  // behind do not count.
  let model: TrafficModel | undefined = new TrafficModel({
    store,
    windowsSeconds: [windowSeconds],
    refreshMs: 30_000,
  });
  // Raw reads and refreshes in turn, ROUNDS of each, medians compared: one pair alone measured
  // 0.47–1.85 on this machine, as the 530 MB scrapes Prometheus takes every 30 s fell on one or
  // the other.
  const raws: number[] = [];
  const refreshes: number[] = [];
  let report: Awaited<ReturnType<TrafficModel['refresh']>> = [];
  for (let round = 0; round < ROUNDS; round++) {
    raws.push(await rawRead());
    const refreshStart = now();
    report = await model.refresh();
    refreshes.push(now() - refreshStart);
  }
  const rawPromqlMs = percentile(raws, 0.5)!;
  const refreshMs = percentile(refreshes, 0.5)!;
  // The samples' typed arrays, counted from the snapshot: arrays the worker made and moved here
  // are not in this thread's `arrayBuffers`.
  const parts = Object.values((await model.read(windowSeconds))!.snapshot);
  const modelArraysMB =
    parts.reduce((sum, part) => sum + packedBytes(part), 0) / 1e6;
  parts.length = 0;
  const heapWithModel = heapMb();
  model = undefined;
  const modelHeapMB = heapWithModel - heapMb();
  return {
    rawPromqlMs: Math.round(rawPromqlMs),
    refreshMs: Math.round(refreshMs),
    refreshToRawRatio: Number((refreshMs / rawPromqlMs).toFixed(2)),
    rawPromqlRoundsMs: raws.map(Math.round),
    refreshRoundsMs: refreshes.map(Math.round),
    refreshParts: report[0].parts,
    modelSamples: report.reduce((a, r) => a + r.samples, 0),
    modelHeapMB: Math.round(modelHeapMB),
    modelArraysMB: Math.round(modelArraysMB),
  };
}
