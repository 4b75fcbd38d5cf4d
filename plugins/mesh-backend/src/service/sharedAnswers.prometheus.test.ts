/*
 * Mesh-wide answers (the overview, and the whole-mesh graph the team and dependency views read)
 * are computed once per traffic snapshot for every caller who sees the same entities
 * (MeshGraphService `reuse`, issue 15) — and never shared with a caller who sees more or less.
 * Through the running router over the demo mesh read from a real Prometheus, so that the mesh
 * model keeps one snapshot per refresh as in production (refreshed once an hour here, so that no
 * refresh falls between the reads compared). Test doubles: __testUtils__/policyBackend
 * (permission-aware catalog and permission service).
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { MeshOverviewResponse } from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { asUser, startPolicyBackend } from '../__testUtils__/policyBackend';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startDemoPrometheus,
} from '../__testUtils__/prometheus';
import { wholeGraphOf } from '../graph/meshGraphBase';

// Counts whole-mesh graph builds (the real pipeline runs).
jest.mock('../graph/meshGraphBase', () => {
  const actual = jest.requireActual('../graph/meshGraphBase');
  return { ...actual, wholeGraphOf: jest.fn(actual.wholeGraphOf) };
});
const builds = wholeGraphOf as jest.MockedFunction<typeof wholeGraphOf>;

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const PAYMENT = 'component:default/paymentservice';
const CART = 'component:default/cartservice';
/** Who may read cartservice's mesh data; changed by a test. */
const cartMesh = new Set([ALICE, BOB, CAROL]);

let server: Awaited<ReturnType<typeof startPolicyBackend>>;

async function overview(user: string) {
  const res = await request(server)
    .get('/api/mesh/overview')
    .set('Authorization', asUser(user));
  expect(res.status).toBe(200);
  return res.body as MeshOverviewResponse;
}
const refs = (o: MeshOverviewResponse) => o.entities.map(e => e.entityRef);
/** The answer without what differs between two reads of one snapshot (the time it was asked). */
const comparable = (o: MeshOverviewResponse) => ({
  ...o,
  timestamp: undefined,
  graph: { ...o.graph, timestamp: undefined, telemetry: undefined },
});

describeWithPrometheus(
  'mesh-wide answers shared by callers who see the same',
  () => {
    let prometheus: RunningPrometheus | undefined;
    beforeAll(async () => {
      prometheus = await startDemoPrometheus();
      server = await startPolicyBackend({
        config: {
          mesh: {
            demo: { prometheus: { url: prometheus.url } },
            telemetry: { model: { refreshSeconds: 3600 } },
          },
        },
        entities: demoCatalogEntities(),
        rules: {
          readable: (user, e: Entity) =>
            stringifyEntityRef(e) !== PAYMENT || user === CAROL,
          meshAllowed: (user, _permission, ref) =>
            ref !== CART || cartMesh.has(user),
        },
      });
      // The model's first refresh.
      for (let tries = 0; tries < 120; tries++) {
        if ((await overview(ALICE)).graph.telemetry?.state === 'model') return;
        await new Promise(r => setTimeout(r, 500));
      }
      throw new Error('the mesh model had no snapshot after 60 s');
    }, 180_000);
    afterAll(() => prometheus?.stop());

    it('computes the mesh-wide graph once for callers who see the same, apart for a caller who sees more', async () => {
      await overview(ALICE);
      builds.mockClear();
      const alice = await overview(ALICE);
      const bob = await overview(BOB);
      const carol = await overview(CAROL);
      const aliceAgain = await overview(ALICE);
      // Alice's view was computed before the spy; Bob shares it; Carol's differs (paymentservice).
      expect(builds).toHaveBeenCalledTimes(1);
      expect(comparable(bob)).toEqual(comparable(alice));
      expect(refs(alice)).not.toContain(PAYMENT);
      expect(refs(carol)).toContain(PAYMENT);
      expect(refs(aliceAgain)).not.toContain(PAYMENT);
      expect(comparable(aliceAgain)).toEqual(comparable(alice));
    });

    it('answers a caller anew when what they may see changes', async () => {
      const before = await overview(BOB);
      expect(refs(before)).toContain(CART);
      cartMesh.delete(BOB);
      try {
        const after = await overview(BOB);
        // cartservice is withheld now (counted, never named); Alice still sees it.
        expect(refs(after)).not.toContain(CART);
        expect(after.withheldMembers).toBe((before.withheldMembers ?? 0) + 1);
        expect(refs(await overview(ALICE))).toContain(CART);
      } finally {
        cartMesh.add(BOB);
      }
    });
  },
);
