/*
 * Through the running router over the demo mesh: a caller's concurrent requests share their
 * catalog reads, one request asks for each `mesh.entity.read` decision once, and two callers asking
 * at the same time never share anything (./CallerMemo). Test doubles: __testUtils__/policyBackend
 * (permission-aware catalog and permission service, both reporting every call; the catalog holds
 * a call until the test lets it go) and an httpAuth that reports each request it authenticates,
 * so "at the same time" is certain rather than timed.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { asUser, startPolicyBackend } from '../__testUtils__/policyBackend';
import { entityUrl } from '../__testUtils__/testBackend';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const PAYMENT = 'component:default/paymentservice';

const catalogCalls: string[] = [];
const audited: string[] = [];
const auditor = mockServices.auditor.mock({
  createEvent: async (options: { eventId: string }) => ({
    success: async () => void audited.push(`${options.eventId} success`),
    fail: async () => void audited.push(`${options.eventId} fail`),
  }),
});
const decisions: Array<{ user: string; asked: string[] }> = [];
/** Requests authenticated so far, and a catalog read held until that many have arrived. */
let arrived = 0;
let holdUntil:
  | { requests: number; released: Promise<void>; release: () => void }
  | undefined;
/** Catalog reads of the entity wait until `requests` requests have been authenticated. */
function holdReadsUntil(requests: number) {
  let release!: () => void;
  const released = new Promise<void>(resolve => (release = resolve));
  holdUntil = { requests, released, release };
}

/** The mock httpAuth (tokens of mockCredentials), reporting each request it authenticates. */
const countingHttpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      credentials: (async (req: any, options: any) => {
        const credentials = await inner.credentials(req, options);
        arrived++;
        // The other request's path from here to its catalog read has no I/O: a moment is ample.
        if (holdUntil && arrived >= holdUntil.requests)
          setTimeout(holdUntil.release, 200);
        return credentials;
      }) as typeof inner.credentials,
      issueUserCookie: (...args: Parameters<typeof inner.issueUserCookie>) =>
        inner.issueUserCookie(...args),
    };
  },
});

let server: Awaited<ReturnType<typeof startPolicyBackend>>;
beforeAll(async () => {
  server = await startPolicyBackend({
    entities: demoCatalogEntities(),
    rules: {
      readable: (user, e) =>
        user === ALICE || stringifyEntityRef(e) !== PAYMENT,
    },
    onCatalogCall: (method, _args, user) =>
      user && catalogCalls.push(`${user} ${method}`),
    holdCatalog: method =>
      method === 'getEntityByRef' ? holdUntil?.released : undefined,
    onAuthorize: (user, asked) => decisions.push({ user, asked }),
    features: [countingHttpAuth],
    auditor,
  });
});
beforeEach(() => {
  catalogCalls.length = 0;
  audited.length = 0;
  decisions.length = 0;
  arrived = 0;
  holdUntil = undefined;
});
const get = (user: string, url: string) =>
  request(server).get(url).set('Authorization', asUser(user));

describe('a caller’s catalog reads and decisions', () => {
  it('two identical concurrent requests of one caller → answered once, audited twice', async () => {
    holdReadsUntil(2);
    const [first, second] = await Promise.all([
      get(ALICE, entityUrl('productpage', 'graph')),
      get(ALICE, entityUrl('productpage', 'graph')),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(catalogCalls.filter(c => c.startsWith(ALICE))).toEqual([
      `${ALICE} getEntityByRef`,
      `${ALICE} getEntitiesByRefs`,
    ]);
    expect(audited).toEqual([
      'entity-graph-read success',
      'entity-graph-read success',
    ]);
  });

  it('two different concurrent requests of one caller → one read of the entity', async () => {
    holdReadsUntil(2);
    const [graph, health] = await Promise.all([
      get(ALICE, entityUrl('productpage', 'graph')),
      get(ALICE, entityUrl('productpage', 'health')),
    ]);
    expect([graph.status, health.status]).toEqual([200, 200]);
    expect(
      catalogCalls.filter(c => c === `${ALICE} getEntityByRef`),
    ).toHaveLength(1);
  });

  it('two callers at the same time never share: each gets what it may see', async () => {
    holdReadsUntil(2);
    const [alice, bob] = await Promise.all([
      get(ALICE, entityUrl('paymentservice', 'graph')),
      get(BOB, entityUrl('paymentservice', 'graph')),
    ]);
    expect(alice.status).toBe(200);
    expect(bob.status).toBe(404);
    expect(
      catalogCalls.filter(c => c.endsWith('getEntityByRef')).sort(),
    ).toEqual([`${ALICE} getEntityByRef`, `${BOB} getEntityByRef`]);
    // bob's view of checkoutservice still withholds paymentservice, right after alice read it.
    const checkout = await get(BOB, entityUrl('checkoutservice', 'graph'));
    expect(checkout.status).toBe(200);
    const nodes = checkout.body.nodes as Array<{
      entityRef?: string;
      restricted?: boolean;
    }>;
    expect(nodes.some(n => n.restricted)).toBe(true);
    expect(nodes.some(n => n.entityRef === PAYMENT)).toBe(false);
  });

  it('one request asks for the entity’s mesh.entity.read decision once', async () => {
    const res = await get(ALICE, entityUrl('productpage', 'graph'));
    expect(res.status).toBe(200);
    const asked = decisions.filter(d => d.user === ALICE).flatMap(d => d.asked);
    expect(asked).toContain('component:default/productpage');
    expect(asked.length).toBe(new Set(asked).size);
  });

  it('without a TTL, the next request asks again (nothing is reused once answered)', async () => {
    await get(ALICE, entityUrl('productpage', 'graph'));
    await get(ALICE, entityUrl('productpage', 'graph'));
    expect(
      catalogCalls.filter(c => c === `${ALICE} getEntityByRef`),
    ).toHaveLength(2);
  });
});
