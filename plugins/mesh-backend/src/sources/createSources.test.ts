/* Configured stores reach the sources: Prometheus and a trace backend per cluster, the demo's own otherwise. */
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { readMeshConfig } from '../config/readMeshConfig';
import { createSources } from './createSources';
import { DemoTelemetrySource } from './demo/DemoTelemetrySource';
import { DemoTraceSource } from './demo/DemoTraceSource';
import { PrometheusTelemetrySource } from './prometheus/PrometheusTelemetrySource';
import { JaegerTraceSource } from './tracing/jaeger/JaegerTraceSource';
import { ZipkinTraceSource } from './tracing/zipkin/ZipkinTraceSource';

const logger = mockServices.logger.mock();

describe('createSources', () => {
  it('gives every configured cluster its Prometheus and trace backend, per cluster or by default', () => {
    const config = readMeshConfig(
      new ConfigReader({
        mesh: {
          prometheus: { url: 'http://thanos:9090' },
          tracing: { type: 'jaeger', url: 'http://jaeger:16686' },
          clusters: [
            {
              name: 'dump-a',
              istioClusterId: 'a',
              snapshot: { path: '/nonexistent/a.yaml' },
            },
            {
              name: 'dump-b',
              istioClusterId: 'b',
              snapshot: { path: '/nonexistent/b.yaml' },
              tracing: { type: 'zipkin', url: 'http://zipkin:9411' },
            },
          ],
        },
      }),
    );
    const sources = createSources(config, { logger });
    expect(
      sources.inventory
        .listClusters()
        .map(c => c.name)
        .sort(),
    ).toEqual(['dump-a', 'dump-b']);
    expect(sources.telemetryFor('dump-a')).toBeInstanceOf(
      PrometheusTelemetrySource,
    );
    expect(sources.telemetryFor('dump-a')).toBe(sources.telemetryFor('dump-b'));
    expect(sources.tracesFor('dump-a')).toBeInstanceOf(JaegerTraceSource);
    expect(sources.tracesFor('dump-b')).toBeInstanceOf(ZipkinTraceSource);
    expect(sources.telemetryFor('demo')).toBeUndefined();
  });

  it('serves the demo only when enabled: in-process, or through a configured Prometheus', () => {
    const plain = createSources(
      readMeshConfig(new ConfigReader({ mesh: { demo: { enabled: true } } })),
      { logger },
    );
    expect(plain.telemetryFor('demo')).toBeInstanceOf(DemoTelemetrySource);
    expect(plain.tracesFor('demo')).toBeInstanceOf(DemoTraceSource);
    const viaPrometheus = createSources(
      readMeshConfig(
        new ConfigReader({
          mesh: {
            demo: {
              enabled: true,
              prometheus: { url: 'http://127.0.0.1:9090' },
            },
          },
        }),
      ),
      { logger },
    );
    expect(viaPrometheus.telemetryFor('demo')).toBeInstanceOf(
      PrometheusTelemetrySource,
    );
  });

  it('serves no demo data when nothing is configured', () => {
    const nothing = createSources(readMeshConfig(new ConfigReader({})), {
      logger,
    });
    expect(nothing.inventory.listClusters()).toEqual([]);
    expect(nothing.telemetryFor('demo')).toBeUndefined();
    expect(nothing.tracesFor('demo')).toBeUndefined();
  });
});
