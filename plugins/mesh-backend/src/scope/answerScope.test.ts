/*
 * Entity graphs (and health, series, security, which are built on them) ask the catalog and the
 * permission service only about the entities their answer touches (issue 15), through the running
 * router over the demo mesh, with the rules of issue 13 kept: a workload claimed by an entity the
 * caller may not see stays hidden whatever else claims it, and a failing catalog withholds.
 * Test doubles: __testUtils__/policyBackend (permission-aware catalog and permission service), whose
 * catalog reports every call made to it.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { asUser, startPolicyBackend } from '../__testUtils__/policyBackend';
import { entityUrl } from '../__testUtils__/testBackend';

const OUTSIDER = 'user:default/outsider';
const FAILING = 'user:default/unlucky';
const PAYMENT = 'component:default/paymentservice';
// Readable by the outsider and claiming paymentservice's workloads: it cannot un-hide them.
const sneaky = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'sneaky-payments',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-label-selector': 'app=paymentservice',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/x' },
} as Entity;
const entities = [...demoCatalogEntities(), sneaky];

const calls: Array<{ method: string; args: unknown[]; user?: string }> = [];
let server: Awaited<ReturnType<typeof startPolicyBackend>>;
beforeAll(async () => {
  server = await startPolicyBackend({
    entities,
    rules: {
      readable: (user, e) =>
        user !== OUTSIDER || stringifyEntityRef(e) !== PAYMENT,
    },
    userCatalogFails: (method, user) =>
      user === FAILING && method === 'getEntitiesByRefs',
    onCatalogCall: (method, args, user) => calls.push({ method, args, user }),
  });
});
const get = (user: string, url: string) =>
  request(server).get(url).set('Authorization', asUser(user));

describe('an entity graph reads the catalog for the entities in its answer', () => {
  it('as the caller: one getEntitiesByRefs for the claimants of the graph’s workloads, no catalog-wide read', async () => {
    // The plugin's own read of the mapped entities (cached) is not what is counted here.
    await get(OUTSIDER, entityUrl('checkoutservice', 'graph', '?hops=1'));
    calls.length = 0;
    const res = await get(
      OUTSIDER,
      entityUrl('checkoutservice', 'graph', '?hops=1'),
    );
    expect(res.status).toBe(200);
    const asCaller = calls.filter(c => c.user === OUTSIDER);
    expect(asCaller.map(c => c.method).sort()).toEqual([
      'getEntitiesByRefs',
      'getEntityByRef',
    ]);
    const { entityRefs } = asCaller.find(c => c.method === 'getEntitiesByRefs')!
      .args[0] as { entityRefs: string[] };
    const linked = new Set<string>(
      res.body.nodes.flatMap((n: { entityRef?: string }) =>
        n.entityRef ? [n.entityRef] : [],
      ),
    );
    // Every linked node's entity was asked about; so were the hidden claimants; nothing else.
    for (const ref of linked) expect(entityRefs).toContain(ref);
    expect(entityRefs).toEqual(
      expect.arrayContaining([PAYMENT, 'component:default/sneaky-payments']),
    );
    const mapped = entities.filter(e => e.kind === 'Component').length;
    expect(entityRefs.length).toBeLessThan(linked.size + 4);
    expect(entityRefs.length).toBeLessThan(mapped / 2);
  });

  it('health asks about the entity’s own workloads’ claimants only, none of its neighbours’', async () => {
    await get(OUTSIDER, entityUrl('checkoutservice', 'health'));
    calls.length = 0;
    const res = await get(OUTSIDER, entityUrl('checkoutservice', 'health'));
    expect(res.status).toBe(200);
    expect(res.body.health.status).not.toBe('no-data');
    const asked = calls
      .filter(c => c.user === OUTSIDER && c.method === 'getEntitiesByRefs')
      .flatMap(c => (c.args[0] as { entityRefs: string[] }).entityRefs);
    // checkoutservice calls paymentservice and six other services: none of them is asked about.
    expect(asked).toEqual(['component:default/checkoutservice']);
  });

  it('keeps a neighbour whose owner the caller may not read hidden, whatever readable entity also claims it', async () => {
    const res = await get(
      OUTSIDER,
      entityUrl('checkoutservice', 'graph', '?hops=1'),
    );
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.body);
    expect(body).not.toMatch(/paymentservice|sneaky-payments/);
    expect(
      res.body.nodes.filter((n: { restricted?: boolean }) => n.restricted),
    ).toHaveLength(1);
    // The same graph for a caller who may read everything names it.
    const open = await get(
      'user:default/insider',
      entityUrl('checkoutservice', 'graph', '?hops=1'),
    );
    expect(JSON.stringify(open.body)).toMatch(
      /wl:demo:online-boutique:paymentservice/,
    );
    expect(
      open.body.nodes.filter((n: { restricted?: boolean }) => n.restricted),
    ).toHaveLength(0);
  });

  it('withholds every workload with a typed catalog error when the caller’s catalog read fails', async () => {
    for (const route of ['graph', 'health', 'traces']) {
      const res = await get(FAILING, entityUrl('checkoutservice', route));
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ source: 'catalog' }),
        ]),
      );
      expect(JSON.stringify(res.body)).not.toMatch(
        /-v1|checkoutservice-|paymentservice/,
      );
    }
  });
});
