/*
 * TLS to data stores against a real Prometheus (Debian's) serving HTTPS with a certificate from a
 * test CA and requiring client certificates from that CA (its --web.config.file), configured
 * through the same config keys adopters use; and a Zipkin-API double behind the same TLS, for the
 * trace backends' client. Each TLS mode works; a wrong CA, an expired client certificate and a
 * refused one are each a typed per-store error, while another store keeps answering.
 */
import { ConfigReader } from '@backstage/config';
import https from 'https';
import { AddressInfo } from 'net';
import { readTelemetryConfig } from '../../config/telemetryConfig';
import { readTracingConfig } from '../../config/tracingConfig';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startPrometheus,
} from '../../__testUtils__/prometheus';
import { createTestPki, TestPki } from '../../__testUtils__/tls/testPki';
import {
  PrometheusClient,
  PrometheusError,
} from '../prometheus/PrometheusClient';
import { TracingHttpClient } from '../tracing/TracingHttpClient';

let pki: TestPki;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  pki = createTestPki();
  prometheus = await startPrometheus([], '1s', {
    certFile: pki.server.certFile,
    keyFile: pki.server.keyFile,
    clientCaFile: pki.ca.certFile,
    probe: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
  });
}, 60_000);
afterAll(async () => {
  await prometheus?.stop();
  pki?.remove();
});

/** A client built from config, as the plugin builds it (mesh.prometheus). */
function clientFor(store: Record<string, unknown>) {
  const { defaultPrometheus } = readTelemetryConfig(
    new ConfigReader({
      mesh: { prometheus: { url: prometheus.url, ...store } },
    }),
  );
  return new PrometheusClient(defaultPrometheus!);
}

async function outcome(store: Record<string, unknown>) {
  try {
    const { samples } = await clientFor(store).query('vector(1)', new Date());
    return { ok: samples[0]?.value };
  } catch (error) {
    expect(error).toBeInstanceOf(PrometheusError);
    const { errorType, message } = error as PrometheusError;
    return { errorType, message };
  }
}

describeWithPrometheus(
  'TLS to a real Prometheus with a private CA and mTLS',
  () => {
    it('works with caData (base64 PEM) and an inline client certificate', async () => {
      expect(
        await outcome({
          caData: pki.base64(pki.ca.cert),
          clientCertData: pki.base64(pki.client.cert),
          clientKeyData: pki.client.key, // PEM text works as well as base64
        }),
      ).toEqual({ ok: 1 });
    });

    it('works with caFile and certificate files', async () => {
      expect(
        await outcome({
          caFile: pki.ca.certFile,
          clientCertFile: pki.client.certFile,
          clientKeyFile: pki.client.keyFile,
        }),
      ).toEqual({ ok: 1 });
    });

    it('works with skipTLSVerify (no CA) and the client certificate', async () => {
      expect(
        await outcome({
          skipTLSVerify: true,
          clientCertFile: pki.client.certFile,
          clientKeyFile: pki.client.keyFile,
        }),
      ).toEqual({ ok: 1 });
    });

    it('a wrong CA is a TLS error naming the store, never its key', async () => {
      const result = await outcome({
        caData: pki.base64(pki.otherCa.cert),
        clientCertFile: pki.client.certFile,
        clientKeyFile: pki.client.keyFile,
      });
      expect(result).toEqual({
        errorType: 'TLS',
        message: expect.stringMatching(
          new RegExp(
            `^Prometheus at ${prometheus.url}: its server certificate is not trusted \\(\\w+\\): check caData/caFile$`,
          ),
        ),
      });
    });

    it.each([
      [
        'an expired client certificate',
        'expiredClient',
        /refused our client certificate \(certificate expired on \d{4}-\d{2}-\d{2}\)/,
      ],
      [
        'a client certificate from a CA the store does not trust',
        'strangerClient',
        /refused our client certificate \((unknown ca|bad certificate|certificate unknown)\)/,
      ],
    ] as const)('%s is UNAUTHORIZED', async (_, which, reason) => {
      const result = await outcome({
        caData: pki.base64(pki.ca.cert),
        clientCertData: pki.base64(pki[which].cert),
        clientKeyData: pki.base64(pki[which].key),
      });
      expect(result).toEqual({
        errorType: 'UNAUTHORIZED',
        message: expect.stringMatching(reason),
      });
      expect(result.message).not.toContain(pki[which].key.split('\n')[1]);
    });

    it('no client certificate at all is UNAUTHORIZED', async () => {
      expect(await outcome({ caData: pki.base64(pki.ca.cert) })).toEqual({
        errorType: 'UNAUTHORIZED',
        message: expect.stringMatching(/refused our client certificate/),
      });
    });

    it("one cluster's store refusing its certificate leaves another cluster's store answering", async () => {
      const { byCluster } = readTelemetryConfig(
        new ConfigReader({
          mesh: {
            clusters: [
              {
                name: 'east',
                snapshot: { path: '/nowhere' },
                prometheus: {
                  url: prometheus.url,
                  caFile: pki.ca.certFile,
                  clientCertFile: pki.expiredClient.certFile,
                  clientKeyFile: pki.expiredClient.keyFile,
                },
              },
              {
                name: 'west',
                snapshot: { path: '/nowhere' },
                prometheus: {
                  url: prometheus.url,
                  caFile: pki.ca.certFile,
                  clientCertFile: pki.client.certFile,
                  clientKeyFile: pki.client.keyFile,
                },
              },
            ],
          },
        }),
      );
      const east = new PrometheusClient(byCluster.get('east')!);
      const west = new PrometheusClient(byCluster.get('west')!);
      const [e, w] = await Promise.allSettled([
        east.query('vector(1)', new Date()),
        west.query('vector(1)', new Date()),
      ]);
      expect(e).toMatchObject({
        status: 'rejected',
        reason: { errorType: 'UNAUTHORIZED' },
      });
      expect(w).toMatchObject({
        status: 'fulfilled',
        value: { samples: [{ value: 1 }] },
      });
      // Two client identities are two cache identities: results never cross between them.
      expect(east.cacheIdentity).not.toBe(west.cacheIdentity);
    });
  },
);

describe('TLS to a trace backend (Zipkin API double behind mTLS)', () => {
  let zipkin: https.Server;
  let url: string;
  beforeAll(async () => {
    pki ??= createTestPki();
    zipkin = https.createServer(
      {
        cert: pki.server.cert,
        key: pki.server.key,
        ca: pki.ca.cert,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(['productpage.bookinfo']));
      },
    );
    await new Promise<void>(resolve => zipkin.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(zipkin.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => zipkin.close(resolve)));

  const tracing = (store: Record<string, unknown>) => {
    const { defaultTracing } = readTracingConfig(
      new ConfigReader({
        mesh: { tracing: { type: 'zipkin', url, ...store } },
      }),
    );
    return new TracingHttpClient('zipkin', defaultTracing!.http);
  };

  it('reads through the client certificate, and reports a wrong CA as TLS', async () => {
    expect(
      await tracing({
        caData: pki.base64(pki.ca.cert),
        clientCertFile: pki.client.certFile,
        clientKeyFile: pki.client.keyFile,
      }).getJson('/api/v2/services'),
    ).toEqual(['productpage.bookinfo']);
    await expect(
      tracing({
        caData: pki.base64(pki.otherCa.cert),
        clientCertFile: pki.client.certFile,
        clientKeyFile: pki.client.keyFile,
      }).getJson('/api/v2/services'),
    ).rejects.toMatchObject({
      errorType: 'TLS',
      message: expect.stringMatching(
        /^Zipkin at https:\/\/127\.0\.0\.1:\d+: its server certificate is not trusted/,
      ),
    });
  });

  it('rejects TLS settings on a plain-HTTP URL and half a client certificate, naming the key', () => {
    expect(() =>
      readTracingConfig(
        new ConfigReader({
          mesh: {
            tracing: {
              type: 'zipkin',
              url: 'http://zipkin:9411',
              caFile: pki.ca.certFile,
            },
          },
        }),
      ),
    ).toThrow(/mesh\.tracing: TLS settings need an https url/);
    expect(() =>
      readTracingConfig(
        new ConfigReader({
          mesh: {
            tracing: {
              type: 'zipkin',
              url,
              clientCertFile: pki.client.certFile,
            },
          },
        }),
      ),
    ).toThrow(/mesh\.tracing: a client certificate needs both/);
  });
});
