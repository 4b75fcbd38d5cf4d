/*
 * The mesh model of every Prometheus store (./TrafficModel), and the scheduled tasks that keep it
 * current: one global task of Backstage's scheduler per refresh lane (./refreshLanes: the default
 * windows every interval, long windows less often), so that with several replicas sharing a
 * database exactly one of them refreshes each lane each interval and the others read its
 * snapshots from the shared cache. Every refresh's duration and size are logged and recorded as
 * metrics.
 */
import {
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { formatWindow } from '@mesh-portal/plugin-mesh-common';
import { TrafficModelConfig } from '../../config/telemetryConfig';
import { SnapshotPreparer, TelemetrySource } from '../types';
import { ModelTelemetrySource } from './ModelTelemetrySource';
import { RefreshLane, refreshLanes } from './refreshLanes';
import { ModelStore, TrafficModel, WindowRefresh } from './TrafficModel';

export { MODEL_REFRESH_TASK } from './refreshLanes';

export class MeshModel {
  private readonly models: Array<{ model: TrafficModel; name: string }> = [];
  private readonly preparers: SnapshotPreparer[] = [];
  private lanes: RefreshLane[] = [];
  private scheduler?: SchedulerService;

  constructor(
    private readonly options: {
      config: TrafficModelConfig;
      cache?: CacheService;
      logger: LoggerService;
    },
  ) {}

  /** The store (`name` for logs and metrics), answering canonical windows from its model. */
  wrap(store: ModelStore & TelemetrySource, name: string): TelemetrySource {
    const { config, cache, logger } = this.options;
    const refreshMs = config.refreshSeconds * 1000;
    const model = new TrafficModel({
      store,
      windowsSeconds: config.windowsSeconds,
      refreshMs,
      cache,
      logger,
      idleAfterMs: config.idleAfterSeconds * 1000,
      wake: windowSeconds => this.wake(windowSeconds),
      prepare: (next, previous) =>
        Promise.all(this.preparers.map(p => p(next, previous))).then(() => {}),
    });
    this.models.push({ model, name });
    // A request this close to now is "now": 2 intervals plus the time a refresh may take.
    return new ModelTelemetrySource(store, model, 2 * refreshMs + 60_000);
  }

  /** Runs `prepare` on every new snapshot before requests read it (./TrafficModel). */
  prepareWith(prepare: SnapshotPreparer): void {
    this.preparers.push(prepare);
  }

  /** Schedules the refresh of every store's model (nothing to do without a Prometheus store). */
  async schedule(
    scheduler: SchedulerService,
    metrics?: MetricsService,
  ): Promise<void> {
    if (this.models.length === 0) return;
    const { config } = this.options;
    const record = this.recorder(metrics);
    this.scheduler = scheduler;
    this.lanes = refreshLanes(config.windowsSeconds, config.refreshSeconds);
    for (const lane of this.lanes) {
      await scheduler.scheduleTask({
        id: lane.taskId,
        scope: 'global',
        frequency: { seconds: lane.intervalSeconds },
        // Each query has its own timeout (mesh.prometheus.timeoutSeconds); this bounds the whole run.
        timeout: { seconds: Math.max(300, 5 * lane.intervalSeconds) },
        fn: signal => this.refreshLane(lane, record, signal),
      });
    }
  }

  /** Runs the lane of a window now: a read found it asleep (./windowReads). */
  private wake(windowSeconds: number) {
    const lane = this.lanes.find(l => l.windowsSeconds.includes(windowSeconds));
    // Before the tasks are scheduled there is no lane to run: the first run refreshes it.
    if (!lane || !this.scheduler) return;
    this.scheduler.triggerTask(lane.taskId).catch(error => {
      // Running already (ConflictError): a later read wakes it again if this run passed it by.
      if ((error as Error).name !== 'ConflictError')
        this.options.logger.warn(
          `mesh model: could not start the refresh of the ${windowSeconds} s window: ${
            (error as Error).message
          }`,
        );
    });
  }

  private async refreshLane(
    lane: RefreshLane,
    record: (name: string, r: WindowRefresh) => void,
    signal: AbortSignal,
  ) {
    await Promise.all(
      this.models.map(async ({ model, name }) => {
        const started = Date.now();
        const report = await model.refresh(signal, lane.windowsSeconds);
        // Every window of the lane idle (./windowReads): nothing was read, nothing to say.
        if (report.length === 0) return;
        for (const r of report) record(name, r);
        this.options.logger.info(
          `mesh model: refreshed ${name} in ${Date.now() - started} ms (${report
            .map(
              r =>
                `${formatWindow(r.windowSeconds)}: ${r.durationMs} ms, ${
                  r.samples
                } series${r.parts > 1 ? ` in ${r.parts} parts` : ''}${
                  r.failed ? ', with errors' : ''
                }`,
            )
            .join('; ')})`,
        );
      }),
    );
  }

  /** Records each window refresh as metrics (Backstage's metrics service, OpenTelemetry). */
  private recorder(metrics?: MetricsService) {
    const duration = metrics?.createHistogram('mesh.model.refresh.duration', {
      description: 'Duration of one window refresh of the mesh model',
      unit: 'ms',
    });
    const samples = metrics?.createHistogram('mesh.model.refresh.samples', {
      description: 'Series returned by one window refresh of the mesh model',
    });
    const failures = metrics?.createCounter('mesh.model.refresh.failures', {
      description: 'Window refreshes of the mesh model that reported errors',
    });
    return (store: string, r: WindowRefresh) => {
      const attributes = { store, window: formatWindow(r.windowSeconds) };
      duration?.record(r.durationMs, attributes);
      samples?.record(r.samples, attributes);
      if (r.failed) failures?.add(1, attributes);
    };
  }
}
