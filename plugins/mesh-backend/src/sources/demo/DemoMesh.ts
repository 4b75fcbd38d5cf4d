/*
 * The embedded demo mesh: its cluster objects, the flows its config produces and the Istio series
 * those flows report. Counters are pure functions of time (./traffic/loadCurve), so one instance
 * serves any number of requests, at any evaluation time, without a background process.
 */
import { ClusterObjects } from '../../kube/types';
import { deriveWorkloads, Workload } from '../../kube/workloads';
import { Sample } from '../types';
import { demoClusterObjects } from './builders';
import { DemoMeshModel } from './model';
import { demoMeshModel } from './topologies';
import { computeFlows, Flow } from './traffic/flows';
import { LoadCurve } from './traffic/loadCurve';
import { DemoSeries, flowSeries, mergeSeries } from './traffic/series';

export interface DemoMeshOptions {
  model?: DemoMeshModel;
  /** When the demo's counters started (seconds since the Unix epoch). Default: one day before now. */
  epochSeconds?: number;
}

export class DemoMesh {
  readonly model: DemoMeshModel;
  readonly objects: ClusterObjects;
  readonly workloads: Workload[];
  readonly flows: Flow[];
  readonly warnings: string[];
  readonly series: DemoSeries[];
  private readonly curves = new Map<string, LoadCurve>();

  constructor(options: DemoMeshOptions = {}) {
    this.model = options.model ?? demoMeshModel;
    // Starting a day back means every window the UI offers is already full of data.
    const epoch = options.epochSeconds ?? Math.floor(Date.now() / 1000) - 86400;
    this.objects = demoClusterObjects(this.model);
    this.workloads = deriveWorkloads(this.model.clusterName, this.objects);
    const { flows, warnings } = computeFlows(
      this.model,
      this.objects,
      this.workloads,
    );
    this.flows = flows;
    this.warnings = warnings;
    const trustDomain = this.objects.meshConfig.trustDomain ?? 'cluster.local';
    this.series = mergeSeries(
      flows.flatMap(f => flowSeries(f, this.model.istioClusterId, trustDomain)),
    );
    for (const app of this.model.apps)
      this.curves.set(app.id, new LoadCurve(epoch, app.loadPhase));
  }

  /** Counter value of a series at time t (seconds since the epoch). */
  valueAt(series: DemoSeries, t: number): number {
    return series.perUnit * this.curve(series.appId).integral(t);
  }

  /** `rate(metric[window])` at `time` for every series of the metric, as Prometheus computes it from counters. */
  rates(metric: string, time: Date, windowSeconds: number): Sample[] {
    const t = time.getTime() / 1000;
    return this.series
      .filter(s => s.metric === metric)
      .map(s => ({
        labels: s.labels,
        value: s.perUnit * this.curve(s.appId).averageOver(t, windowSeconds),
      }));
  }

  private curve(appId: string): LoadCurve {
    const curve = this.curves.get(appId);
    if (!curve) throw new Error(`No load curve for demo app ${appId}`);
    return curve;
  }
}
