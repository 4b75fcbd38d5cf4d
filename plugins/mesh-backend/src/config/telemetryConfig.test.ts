import { ConfigReader } from '@backstage/config';
import { createTelemetrySources } from '../sources/prometheus/createTelemetrySources';
import { readTelemetryConfig } from './telemetryConfig';

describe('readTelemetryConfig', () => {
  it('reads a default store, per-cluster overrides and the demo store', () => {
    const config = readTelemetryConfig(
      new ConfigReader({
        mesh: {
          prometheus: {
            url: 'http://thanos:9090',
            timeoutSeconds: 5,
            headers: { 'X-Scope-OrgID': 'team-a' },
          },
          clusters: [
            {
              name: 'west',
              prometheus: {
                url: 'https://prom-west:9090',
                bearerToken: 't0ken',
              },
            },
          ],
          demo: { prometheus: { url: 'http://127.0.0.1:19090' } },
        },
      }),
    );
    expect(config.defaultPrometheus).toEqual({
      url: 'http://thanos:9090',
      timeoutMs: 5000,
      headers: { 'X-Scope-OrgID': 'team-a' },
    });
    expect(config.byCluster.get('west')).toEqual({
      url: 'https://prom-west:9090',
      bearerToken: 't0ken',
    });
    expect(config.demoPrometheus?.url).toBe('http://127.0.0.1:19090');

    const sources = createTelemetrySources(config, ['east', 'north', 'west']);
    expect(sources.get('east')).toBe(sources.get('north')); // one store, one source, one query set
    expect(sources.get('west')).not.toBe(sources.get('east'));
  });

  it('reads the mesh model and recording-rule settings', () => {
    const config = readTelemetryConfig(
      new ConfigReader({
        mesh: {
          prometheus: { url: 'http://thanos:9090' },
          clusters: [
            {
              name: 'west',
              prometheus: {
                url: 'http://prom-west:9090',
                workloadRecordingRules: true,
              },
            },
          ],
          telemetry: { model: { refreshSeconds: 15, windows: ['5m', '1h'] } },
        },
      }),
    );
    expect(config.byCluster.get('west')?.workloadRecordingRules).toBe(true);
    expect(config.defaultPrometheus?.workloadRecordingRules).toBeUndefined();
    expect(config.model).toEqual({
      enabled: true,
      refreshSeconds: 15,
      windowsSeconds: [300, 3600],
      idleAfterSeconds: 900,
    });
    const model = (idleAfterMinutes: number) =>
      readTelemetryConfig(
        new ConfigReader({
          mesh: { telemetry: { model: { idleAfterMinutes } } },
        }),
      ).model;
    expect(model(0).idleAfterSeconds).toBe(0);
    expect(model(2.5).idleAfterSeconds).toBe(150);
    expect(() => model(-1)).toThrow(
      'mesh.telemetry.model.idleAfterMinutes must be 0 or more',
    );
    expect(
      readTelemetryConfig(new ConfigReader({})).model.windowsSeconds,
    ).toEqual([60, 300, 600, 3600]);
    expect(() =>
      readTelemetryConfig(
        new ConfigReader({
          mesh: { telemetry: { model: { windows: ['5x'] } } },
        }),
      ),
    ).toThrow(/mesh.telemetry.model.windows: Invalid window '5x'/);
  });

  it.each([
    [{ url: 'not a url' }, /not a valid URL/],
    [{ url: 'file:///etc/passwd' }, /must be http or https/],
    [{ url: 'http://admin:pw@prom:9090' }, /must not contain credentials/],
  ])('rejects %j with a readable error', (prometheus, message) => {
    expect(() =>
      readTelemetryConfig(new ConfigReader({ mesh: { prometheus } })),
    ).toThrow(message);
  });
});
