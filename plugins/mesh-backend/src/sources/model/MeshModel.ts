/*
 * The mesh model of every Prometheus store (./TrafficModel), and the one scheduled task that keeps
 * it current: a global task of Backstage's scheduler, so that with several replicas sharing a
 * database exactly one of them refreshes each interval and the others read its snapshots from the
 * shared cache. Every refresh's duration and size are logged and recorded as metrics.
 */
import {
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { formatWindow } from '@mesh-portal/plugin-mesh-common';
import { TrafficModelConfig } from '../../config/telemetryConfig';
import { TelemetrySource } from '../types';
import { ModelTelemetrySource } from './ModelTelemetrySource';
import { ModelStore, TrafficModel } from './TrafficModel';

export const MODEL_REFRESH_TASK = 'mesh-model-refresh';

export class MeshModel {
  private readonly models: Array<{ model: TrafficModel; name: string }> = [];

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
    });
    this.models.push({ model, name });
    // A request this close to now is "now": 2 intervals plus the time a refresh may take.
    return new ModelTelemetrySource(store, model, 2 * refreshMs + 60_000);
  }

  /** Schedules the refresh of every store's model (nothing to do without a Prometheus store). */
  async schedule(
    scheduler: SchedulerService,
    metrics?: MetricsService,
  ): Promise<void> {
    if (this.models.length === 0) return;
    const { config, logger } = this.options;
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
    await scheduler.scheduleTask({
      id: MODEL_REFRESH_TASK,
      scope: 'global',
      frequency: { seconds: config.refreshSeconds },
      // Each query has its own timeout (mesh.prometheus.timeoutSeconds); this bounds the whole run.
      timeout: { seconds: Math.max(300, 5 * config.refreshSeconds) },
      fn: async signal => {
        await Promise.all(
          this.models.map(async ({ model, name }) => {
            const started = Date.now();
            const report = await model.refresh(signal);
            for (const r of report) {
              const attributes = {
                store: name,
                window: formatWindow(r.windowSeconds),
              };
              duration?.record(r.durationMs, attributes);
              samples?.record(r.samples, attributes);
              if (r.failed) failures?.add(1, attributes);
            }
            logger.info(
              `mesh model: refreshed ${name} in ${
                Date.now() - started
              } ms (${report
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
      },
    });
  }
}
