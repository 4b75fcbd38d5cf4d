import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { readTelemetryConfig } from './telemetryConfig';

const read = (prometheus: Record<string, unknown>) =>
  readTelemetryConfig(
    new ConfigReader({
      mesh: { prometheus: { url: 'https://store.example', ...prometheus } },
    }),
  );

describe('auth of a Prometheus store', () => {
  it('rejects settings that cannot work, naming the key', () => {
    expect(() =>
      read({ bearerToken: 't0ken', auth: { type: 'google' } }),
    ).toThrow('mesh.prometheus: set auth or bearerToken/basicAuth, not both');
    expect(() => read({ auth: { type: 'gcp' } })).toThrow(
      "mesh.prometheus.auth.type must be aws, google or azure, not 'gcp'",
    );
    expect(() => read({ auth: { type: 'aws' } })).toThrow(/region/);
    expect(() =>
      read({ auth: { type: 'azure', clientSecret: 's3cret-value' } }),
    ).toThrow('mesh.prometheus.auth: clientSecret needs tenantId and clientId');
    expect(() =>
      read({
        auth: { type: 'google', credentialsFile: '/nonexistent/key.json' },
      }),
    ).toThrow(
      'mesh.prometheus.auth.credentialsFile: /nonexistent/key.json does not exist',
    );
    expect(() =>
      read({ auth: { type: 'google', credentials: 'not json' } }),
    ).toThrow('mesh.prometheus.auth.credentials is not service-account JSON');
  });

  it('keeps every credential of every provider out of what a frontend or log may see (@visibility secret)', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      serialized: undefined,
      packagePaths: [path.resolve(__dirname, '../../package.json')],
    } as any);
    const auth = {
      aws: {
        type: 'aws',
        region: 'eu-west-1',
        roleArn: 'arn:aws:iam::1:role/r',
        externalId: 'ext-secret',
      },
      google: { type: 'google', credentials: '{"client_email":"x"}' },
      azure: {
        type: 'azure',
        tenantId: 't',
        clientId: 'c',
        clientSecret: 'az-secret',
      },
    };
    for (const [provider, value] of Object.entries(auth)) {
      const [{ filteredKeys }] = schema.process(
        [
          {
            data: { mesh: { prometheus: { url: 'https://x', auth: value } } },
            context: 'test',
          },
        ],
        {
          visibility: ['frontend', 'backend'],
          withFilteredKeys: true,
          ignoreSchemaErrors: true,
        },
      );
      const secretKey = {
        aws: 'externalId',
        google: 'credentials',
        azure: 'clientSecret',
      }[provider];
      expect(filteredKeys).toEqual([`mesh.prometheus.auth.${secretKey}`]);
    }
  });

  it("reads the README's example as written", () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../README.md'),
      'utf8',
    );
    const code =
      /<!-- adopter-snippet: config-managed-prometheus -->\s*```yaml\n([\s\S]*?)\n```/.exec(
        readme,
      )![1];
    const config = readTelemetryConfig(new ConfigReader(parse(code)));
    expect(
      [...config.byCluster].map(([name, store]) => [
        name,
        store.auth?.description,
      ]),
    ).toEqual([
      ['eks-prod', 'aws SigV4 (region eu-west-1, service aps)'],
      [
        'gke-prod',
        'google OAuth2 (Application Default Credentials, scope monitoring.read)',
      ],
      [
        'aks-prod',
        'azure DefaultAzureCredential (scope https://prometheus.monitor.azure.com/.default)',
      ],
    ]);
  });
});
