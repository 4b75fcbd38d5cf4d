/*
 * The failure matrix at route level: for each data source of cluster `east` — its Kubernetes API,
 * its Prometheus, its Jaeger/Tempo/Zipkin — and each way it can misbehave (./misbehavingServer),
 * the routes answer 200 with a typed per-source error for exactly that source, and the rest of the
 * response is intact: the embedded demo cluster (own sources) and east's other sources still show.
 * Per-client behaviour is tested beside each client; this is the view a user gets.
 */
import request from 'supertest';
import {
  MeshEntityGraphResponse,
  MeshEntityTracesResponse,
  MeshOverviewResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import {
  MeshEnvironment,
  peerOptions,
  shopEntities,
  startMeshEnvironment,
  TracingType,
} from './__testUtils__/meshEnvironment';
import {
  HUGE_LIMIT_BYTES,
  Misbehaviour,
  MISBEHAVIOURS,
  startMisbehaving,
} from './__testUtils__/misbehavingServer';

type Source = 'kubernetes' | 'prometheus' | TracingType;

/** The error type each source reports for each misbehaviour. */
const EXPECTED: Record<
  'kubernetes' | 'http',
  Record<Misbehaviour, MeshSourceError['errorType']>
> = {
  kubernetes: {
    refused: 'UNREACHABLE',
    timeout: 'TIMEOUT',
    '401': 'UNAUTHORIZED',
    '403': 'FORBIDDEN',
    '500': 'UNREACHABLE',
    malformed: 'BAD_RESPONSE',
    // The client reports a connection closed mid-body as a lost connection, not as a bad document.
    truncated: 'UNREACHABLE',
    huge: 'BAD_RESPONSE',
  },
  http: {
    refused: 'UNREACHABLE',
    timeout: 'TIMEOUT',
    '401': 'UNAUTHORIZED',
    '403': 'FORBIDDEN',
    '500': 'BAD_RESPONSE',
    malformed: 'BAD_RESPONSE',
    truncated: 'BAD_RESPONSE',
    huge: 'BAD_RESPONSE',
  },
};

/** What the message must say where the type alone does not tell the case apart. */
const MESSAGE: Partial<Record<Misbehaviour, RegExp>> = {
  timeout: /did not (answer|finish answering) (with)?in|in time/,
  malformed: /not JSON|not valid/,
  truncated: /cut off|UND_ERR_SOCKET/,
  huge: /exceeds the (size|[0-9]+-byte) limit/,
};

let env: MeshEnvironment | undefined;
let closeBad: (() => Promise<void>) | undefined;
afterEach(async () => {
  await Promise.all([env?.close(), closeBad?.()]);
  env = undefined;
});

async function broken(source: Source, how: Misbehaviour) {
  const bad = await startMisbehaving(
    how,
    source === 'kubernetes' ? 'kubernetes' : 'api',
  );
  closeBad = bad.close;
  env = await startMeshEnvironment({
    demo: true,
    entities: [...demoCatalogEntities(), ...shopEntities()],
    ...peerOptions(source, bad.url),
    timeoutSeconds: 1,
    // Short only for a broken API server: a healthy one gets the time a busy machine may need.
    kubeTimeoutSeconds: source === 'kubernetes' ? 1 : 10,
    maxResponseBytes: HUGE_LIMIT_BYTES,
  });
  return env;
}

const get = (e: MeshEnvironment, url: string) =>
  request(e.server).get(`/api/mesh${url}`);
const component = (name: string, route: string) =>
  `/entities/by-name/component/default/${name}/${route}`;
const only = (errors: MeshSourceError[], source: MeshSourceError['source']) =>
  errors.filter(x => x.source === source);

/** The overview with one source of east broken, after checking the demo cluster is untouched. */
async function overviewWith(source: Source, how: Misbehaviour) {
  const e = await broken(source, how);
  const expected =
    EXPECTED[source === 'kubernetes' ? 'kubernetes' : 'http'][how];
  const error = (kind: MeshSourceError['source']) =>
    expect.objectContaining({
      source: kind,
      cluster: 'east',
      errorType: expected,
      message: expect.stringMatching(MESSAGE[how] ?? /./),
    });
  const res = await get(e, '/overview');
  expect(res.status).toBe(200);
  const overview: MeshOverviewResponse = res.body;
  // The demo cluster (its own sources) is untouched whatever east does.
  expect(overview.entities.find(r => r.name === 'productpage')).toMatchObject({
    workloads: 1,
    health: expect.any(String),
  });
  expect(
    overview.entities.find(r => r.name === 'productpage')!.rpsIn,
  ).toBeGreaterThan(0);
  return { e, overview, error };
}

describe('failure matrix: one misbehaving data source, the rest of the response intact', () => {
  it.each(MISBEHAVIOURS)(
    'Kubernetes API: %s',
    async how => {
      const { overview, error } = await overviewWith('kubernetes', how);
      expect(only(overview.errors, 'inventory')).toEqual([error('inventory')]);
      // East's telemetry still answers: its traffic is there, unlinked to entities it cannot map.
      expect(overview.graph.nodes.map(n => n.id)).toEqual(
        expect.arrayContaining(['wl:east:shop:web', 'wl:east:shop:api']),
      );
      expect(only(overview.errors, 'telemetry')).toEqual([]);
    },
    30_000,
  );

  it.each(MISBEHAVIOURS)(
    'Prometheus: %s',
    async how => {
      const { e, overview, error } = await overviewWith('prometheus', how);
      // One error per failed query (requests, TCP both ways, latency), each typed.
      expect(only(overview.errors, 'telemetry').length).toBeGreaterThan(0);
      expect(only(overview.errors, 'telemetry')).toEqual(
        only(overview.errors, 'telemetry').map(() => error('telemetry')),
      );
      // East's inventory still answers: its workloads are mapped.
      expect(overview.entities.find(r => r.name === 'web')).toMatchObject({
        workloads: 1,
        clusters: ['east'],
      });
      const graph: MeshEntityGraphResponse = (
        await get(e, component('web', 'graph'))
      ).body;
      expect(graph.mapping.workloads.map(w => w.name)).toEqual(['web']);
      expect(only(graph.errors, 'telemetry').length).toBeGreaterThan(0);
    },
    30_000,
  );

  it.each(
    (['jaeger', 'tempo', 'zipkin'] as TracingType[]).flatMap(type =>
      MISBEHAVIOURS.map(how => [type, how] as const),
    ),
  )(
    '%s: %s',
    async (type, how) => {
      const { e, overview, error } = await overviewWith(type, how);
      const traces = await get(e, component('web', 'traces'));
      expect(traces.status).toBe(200);
      const list: MeshEntityTracesResponse = traces.body;
      expect(list.errors).toEqual([error('traces')]);
      expect(list.serviceNames).toEqual(['web.shop']); // from east's inventory, still there
      // The demo's trace source and east's other sources are unaffected.
      const demo: MeshEntityTracesResponse = (
        await get(e, component('productpage', 'traces?limit=3'))
      ).body;
      expect(demo).toMatchObject({
        errors: [],
        traces: [expect.anything(), expect.anything(), expect.anything()],
      });
      expect(overview.errors).toEqual([]);
    },
    30_000,
  );
});
