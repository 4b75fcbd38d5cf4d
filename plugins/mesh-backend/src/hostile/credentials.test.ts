/*
 * Credentials (bearer tokens, basic-auth passwords, CA data) never appear in responses, errors,
 * audit events or logs — even when a data source echoes the Authorization header it received in
 * its error body, the worst a broken or hostile peer can do. One source at a time echoes (its
 * Kubernetes API, Prometheus, Jaeger, Tempo or Zipkin); every route is called; everything the
 * backend produced is searched for every secret. Test doubles: ./meshEnvironment, a recording
 * logger and Backstage's auditor mock.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestServer, TestServer } from '../__testUtils__/httpServer';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import {
  KUBE_TOKEN,
  MeshEnvironment,
  peerOptions,
  PROMETHEUS_TOKEN,
  startMeshEnvironment,
  TRACING_PASSWORD,
  TracingType,
} from './__testUtils__/meshEnvironment';

const ROUTES = [
  ...[
    'graph',
    'health',
    'security',
    'dependencies',
    'traces',
    'traces/0123456789abcdef',
    'workloads',
    'config',
    'posture',
    'series?node=wl:east:shop:web',
  ].map(r => `/entities/by-name/component/default/web/${r}`),
  '/overview',
  '/posture',
];

/** A peer that answers every request with `status` and the Authorization header it received, in every error field. */
function echoingPeer(status: number, tls: boolean): Promise<TestServer> {
  return startTestServer(
    (req, res) => {
      const echo = `denied for ${req.headers.authorization} (${JSON.stringify(
        req.headers,
      )})`;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          status: 'error',
          code: status,
          message: echo,
          error: echo,
          reason: echo,
          errors: [{ code: status, msg: echo }],
        }),
      );
    },
    { tls },
  );
}

const cases: Array<['kubernetes' | 'prometheus' | TracingType, number]> = [
  ['kubernetes', 401],
  ['kubernetes', 403],
  ['prometheus', 401],
  ['prometheus', 500],
  ['jaeger', 500],
  ['tempo', 400],
  ['zipkin', 401],
];

let env: MeshEnvironment | undefined;
let peer: TestServer | undefined;
afterEach(async () => {
  await Promise.all([env?.close(), peer?.close()]);
  env = undefined;
});

describe('credentials never leave the backend', () => {
  it.each(cases)(
    'when the %s peer echoes them in a %i answer',
    async (source, status) => {
      peer = await echoingPeer(status, source === 'kubernetes');
      const logs: string[] = [];
      const audit: unknown[] = [];
      const auditor = mockServices.auditor.mock({
        createEvent: async (options: { meta?: unknown }) => ({
          success: async (o?: { meta?: unknown }) =>
            void audit.push(options.meta, o?.meta),
          fail: async (o: { error: Error }) =>
            void audit.push(options.meta, o.error.message, o.error.stack),
        }),
      });
      env = await startMeshEnvironment({
        ...peerOptions(source, peer.url),
        timeoutSeconds: 2,
        backend: {
          auditor,
          features: [
            createServiceFactory({
              service: coreServices.logger,
              deps: {},
              factory: () => recordingLogger(logs),
            }),
          ],
        },
      });
      const bodies: string[] = [];
      for (const route of ROUTES) {
        const res = await request(env.server).get(`/api/mesh${route}`);
        expect(res.status).toBeLessThan(500);
        bodies.push(res.text);
      }
      // The peer did receive the credentials (so there was something to leak) …
      const received = peer.requests.map(r => r.headers.authorization ?? '');
      expect(received.length).toBeGreaterThan(0);
      expect(received.some(a => a.length > 10)).toBe(true);
      // … and the backend reported the failure of that source.
      const kind =
        { kubernetes: 'inventory', prometheus: 'telemetry' }[
          source as string
        ] ?? 'traces';
      expect(bodies.join('\n')).toContain(`"source":"${kind}","errorType":`);
      const secrets = [
        KUBE_TOKEN,
        env.kube.caData!,
        PROMETHEUS_TOKEN,
        TRACING_PASSWORD,
        Buffer.from(`mesh:${TRACING_PASSWORD}`).toString('base64'),
        ...received,
      ].filter(s => s.length >= 8);
      const everything = [
        ...bodies,
        JSON.stringify(audit),
        logs.join('\n'),
      ].join('\n');
      for (const secret of secrets) expect(everything).not.toContain(secret);
    },
    30_000,
  );
});
