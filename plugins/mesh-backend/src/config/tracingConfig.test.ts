import { ConfigReader } from '@backstage/config';
import { createTraceSources } from '../sources/tracing/createTraceSources';
import { JaegerTraceSource } from '../sources/tracing/jaeger/JaegerTraceSource';
import { TempoTraceSource } from '../sources/tracing/tempo/TempoTraceSource';
import { readTracingConfig } from './tracingConfig';

describe('readTracingConfig', () => {
  it('reads a default backend and per-cluster overrides; clusters sharing a backend share a source', () => {
    const config = readTracingConfig(
      new ConfigReader({
        mesh: {
          tracing: {
            type: 'jaeger',
            url: 'http://tracing.istio-system:16685/jaeger',
            uiUrl: 'https://jaeger.example.com',
            timeoutSeconds: 3,
          },
          clusters: [
            {
              name: 'west',
              tracing: {
                type: 'tempo',
                url: 'http://tempo:3200',
                searchMode: 'tags',
                headers: { 'X-Scope-OrgID': 'west' },
                uiUrl: 'https://grafana.example.com/explore?traceId={traceId}',
                serviceNameAnnotation: 'example.com/otel-service',
              },
            },
          ],
        },
      }),
    );
    expect(config.defaultTracing).toMatchObject({
      type: 'jaeger',
      http: {
        url: 'http://tracing.istio-system:16685/jaeger',
        timeoutMs: 3000,
      },
    });
    expect(config.byCluster.get('west')).toMatchObject({
      type: 'tempo',
      searchMode: 'tags',
      serviceNameAnnotation: 'example.com/otel-service',
    });

    const sources = createTraceSources(config, ['east', 'north', 'west']);
    expect(sources.get('east')).toBeInstanceOf(JaegerTraceSource);
    expect(sources.get('east')).toBe(sources.get('north'));
    expect(sources.get('west')).toBeInstanceOf(TempoTraceSource);
    expect(sources.get('east')!.serviceNameAnnotation).toBe(
      'mesh.backstage.io/tracing-service',
    );
    expect(sources.get('east')!.traceWebUrl!('00000000000000ab')).toBe(
      'https://jaeger.example.com/trace/00000000000000ab',
    );
    expect(sources.get('west')!.traceWebUrl!('00000000000000ab')).toBe(
      'https://grafana.example.com/explore?traceId=00000000000000ab',
    );
  });

  it('configures no trace source without tracing config', () => {
    expect(
      createTraceSources(readTracingConfig(new ConfigReader({})), ['east'])
        .size,
    ).toBe(0);
  });

  it.each([
    [
      { type: 'elastic', url: 'http://x' },
      /type must be one of jaeger, tempo, zipkin/,
    ],
    [
      { type: 'jaeger', url: 'ftp://x' },
      /mesh.tracing.url must be http or https/,
    ],
    [
      { type: 'jaeger', url: 'http://admin:pw@jaeger' },
      /must not contain credentials/,
    ],
    [
      {
        type: 'tempo',
        url: 'http://tempo',
        uiUrl: 'https://grafana.example.com',
      },
      /uiUrl must contain \{traceId\}/,
    ],
    [
      { type: 'jaeger', url: 'http://x', uiUrl: 'file:///etc/passwd' },
      /uiUrl must be http or https/,
    ],
    [
      { type: 'jaeger', url: 'http://x', searchMode: 'tags' },
      /searchMode applies to type tempo only/,
    ],
    [
      {
        type: 'jaeger',
        url: 'http://x',
        serviceNameAnnotation: 'not an annotation',
      },
      /not a valid annotation key/,
    ],
  ])('rejects %j with a readable error', (tracing, message) => {
    expect(() =>
      readTracingConfig(new ConfigReader({ mesh: { tracing } })),
    ).toThrow(message);
  });
});
