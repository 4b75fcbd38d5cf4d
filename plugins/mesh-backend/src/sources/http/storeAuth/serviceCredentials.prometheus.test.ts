/*
 * The managed services' key- and secret-based flows, configured as adopters do: a Google
 * service-account key (`credentialsFile` / `credentials`) and an Azure app registration's client
 * secret. The real google-auth-library and @azure/identity talk HTTPS to token-service doubles
 * (../../../__testUtils__/cloudAuth/oauthDoubles) that verify what they present — the JWT
 * assertion's signature with the key's public half, the client secret — and a front door admits
 * the tokens issued, forwarding to a real Prometheus. Boundary: Google's and Entra ID's token services.
 */
import { ConfigReader } from '@backstage/config';
import { generateKeyPairSync } from 'crypto';
import fs from 'fs';
import path from 'path';
import { readTelemetryConfig } from '../../../config/telemetryConfig';
import {
  bearerAdmission,
  errorOf,
  managedPrometheusTestbed,
} from '../../../__testUtils__/cloudAuth/managedPrometheus';
import {
  EntraIdDouble,
  GOOGLE_TOKEN_URL,
  GoogleTokenEndpoint,
  trustTestCa,
} from '../../../__testUtils__/cloudAuth/oauthDoubles';
import { describeWithPrometheus } from '../../../__testUtils__/prometheus';
import { createTestPki, TestPki } from '../../../__testUtils__/tls/testPki';
import { PrometheusClient } from '../../prometheus/PrometheusClient';
import { GOOGLE_MONITORING_READ_SCOPE } from './cloudTokens';

const testbed = managedPrometheusTestbed();
let pki: TestPki;
let untrust: () => void;
beforeAll(() => {
  pki = createTestPki();
  untrust = trustTestCa(pki);
});
afterAll(() => {
  untrust?.();
  pki?.remove();
});

function serviceAccountKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type: 'service_account',
    project_id: 'mesh-test',
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    client_email: 'mesh-reader@mesh-test.iam.gserviceaccount.com',
    client_id: '1234567890',
    token_uri: GOOGLE_TOKEN_URL,
  };
}

function clientFor(url: string, auth: Record<string, unknown>) {
  const { defaultPrometheus } = readTelemetryConfig(
    new ConfigReader({ mesh: { prometheus: { url, auth } } } as any),
  );
  return new PrometheusClient(defaultPrometheus!);
}

describeWithPrometheus(
  'managed Prometheus with service keys and client secrets',
  () => {
    it('google: a service-account key signs the JWT assertion the token endpoint verifies; a key it does not know is a typed error', async () => {
      const key = serviceAccountKey();
      const google = await new GoogleTokenEndpoint(pki, key).start();
      testbed.stopAfterTest(() => google.stop());
      process.env.HTTPS_PROXY = google.proxyUrl;
      delete process.env.NO_PROXY;
      delete process.env.no_proxy;
      const gmp = await testbed.frontDoor(
        bearerAdmission(a => google.accepts(a)),
        '/v1/projects/mesh-test/location/global/prometheus',
      );
      const keyFile = path.join(pki.dir, 'gmp-reader.json');
      fs.writeFileSync(keyFile, JSON.stringify(key));
      const client = clientFor(gmp.workspaceUrl, {
        type: 'google',
        credentialsFile: keyFile,
      });
      expect(
        (await client.query('vector(4)', new Date())).samples[0].value,
      ).toBe(4);
      await client.query('vector(4)', new Date());
      expect(google.assertions).toHaveLength(1);
      expect(google.assertions[0]).toMatchObject({
        iss: key.client_email,
        scope: GOOGLE_MONITORING_READ_SCOPE,
        aud: GOOGLE_TOKEN_URL,
      });
      expect(gmp.requests.map(r => r.headers.authorization)).toEqual([
        `Bearer ${google.issued[0]}`,
        `Bearer ${google.issued[0]}`,
      ]);

      const stranger = {
        ...serviceAccountKey(),
        client_email: key.client_email,
      };
      const error = await errorOf(
        clientFor(gmp.workspaceUrl, {
          type: 'google',
          credentials: JSON.stringify(stranger),
        }).query('vector(1)', new Date()),
      );
      expect(error!.errorType).toBe('UNAUTHORIZED');
      expect(error!.message).toMatch(
        /google OAuth2 \(service-account key, scope monitoring\.read\): could not get an access token: .*Invalid JWT Signature/,
      );
      expect(error!.message).not.toContain('PRIVATE KEY');
    });

    it('azure: a client secret gets a token for the Prometheus scope from Entra ID; a wrong secret is a typed error without the secret', async () => {
      const app = {
        tenantId: 'mesh-tenant',
        clientId: 'mesh-reader-app',
        clientSecret: 'az~correct-secret-0123456789',
      };
      const entra = await new EntraIdDouble(pki, app).start();
      testbed.stopAfterTest(() => entra.stop());
      const workspace = await testbed.frontDoor(
        bearerAdmission(a => entra.accepts(a)),
        '',
      );
      const auth = {
        type: 'azure',
        ...app,
        authorityHost: entra.authorityHost,
        disableInstanceDiscovery: true,
      };
      const client = clientFor(workspace.workspaceUrl, auth);
      expect(
        (await client.query('vector(3)', new Date())).samples[0].value,
      ).toBe(3);
      expect(entra.scopes).toEqual([
        'https://prometheus.monitor.azure.com/.default',
      ]);

      const wrong = 'az~wrong-secret-9876543210';
      entra.echoesRefusedRequest = true;
      const error = await errorOf(
        clientFor(workspace.workspaceUrl, {
          ...auth,
          clientSecret: wrong,
        }).query('vector(1)', new Date()),
      );
      expect(error!.errorType).toBe('UNAUTHORIZED');
      expect(error!.message).toMatch(
        /azure client secret \(scope https:\/\/prometheus\.monitor\.azure\.com\/\.default\): could not get an access token: .*AADSTS7000215/,
      );
      expect(error!.message).toContain(
        "Invalid client secret provided (got '***')",
      );
      expect(error!.message).not.toContain(wrong);
      expect(workspace.admitted).toBe(1);
    });
  },
);
