/*
 * A caller's catalog reads and permission decisions (./CallerMemo): joined while in flight,
 * reused for the TTL only when one is configured, never shared between callers, failures never
 * kept. Test doubles: __testUtils__/policyBackend's permission-aware catalog (Backstage's in-memory
 * catalog per user) and Backstage's permission service mock, each behind a counter and a gate the
 * test opens, so that "at the same time" is certain rather than timed.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { readMeshConfig } from '../config/readMeshConfig';
import { policyCatalog } from '../__testUtils__/policyBackend';
import { callerKey } from './callerKey';
import { CallerMemo } from './CallerMemo';
import { callerCachedCatalog } from './callerCachedCatalog';
import { CallerCachedPermissions } from './CallerCachedPermissions';

const ALICE = mockCredentials.user('user:default/alice');
const BOB = mockCredentials.user('user:default/bob');
const PAYMENT = 'component:default/paymentservice';
const read = createPermission({
  name: 'test.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/** A promise the test settles, and a way to wait until the code under test is waiting on it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => (open = resolve));
  return { open, opened };
}

/** The demo catalog where only alice may read paymentservice; every call is counted. */
function countedCatalog(hold?: Promise<void>) {
  const calls: string[] = [];
  const catalog = policyCatalog({
    entities: demoCatalogEntities() as Entity[],
    rules: {
      readable: (user, e) =>
        user === 'user:default/alice' || stringifyEntityRef(e) !== PAYMENT,
    },
    onCatalogCall: (method, _args, user) => calls.push(`${user} ${method}`),
  });
  const held = new Proxy(catalog, {
    get: (target, property) => {
      const original = Reflect.get(target, property);
      if (typeof original !== 'function') return original;
      return async (...args: unknown[]) => {
        const answer = original(...args);
        await hold;
        return answer;
      };
    },
  }) as unknown as CatalogService;
  return { calls, catalog: held };
}

describe('CallerMemo', () => {
  it('joins a call in flight, forgets it when settled without a TTL', async () => {
    const memo = new CallerMemo(0);
    const { open, opened } = gate();
    let loads = 0;
    const load = async () => {
      loads++;
      await opened;
      return loads;
    };
    const both = Promise.all([memo.get('k', load), memo.get('k', load)]);
    open();
    expect(await both).toEqual([1, 1]);
    expect(memo.size).toBe(0);
    expect(await memo.get('k', load)).toBe(2);
  });

  it('reuses an answer for the TTL, then asks again', async () => {
    let now = 0;
    const memo = new CallerMemo(5000, 100, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo.get('k', load)).toBe(1);
    now = 4999;
    expect(await memo.get('k', load)).toBe(1);
    now = 5000;
    expect(await memo.get('k', load)).toBe(2);
  });

  it('never keeps a failure: every waiter gets it, the next call tries again', async () => {
    const memo = new CallerMemo(60_000);
    const { open, opened } = gate();
    let loads = 0;
    const failing = async () => {
      loads++;
      await opened;
      throw new Error('catalog down');
    };
    const both = Promise.allSettled([
      memo.get('k', failing),
      memo.get('k', failing),
    ]);
    open();
    expect((await both).map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(loads).toBe(1);
    expect(await memo.get('k', async () => 'ok')).toBe('ok');
  });

  it('keeps at most its bound of settled answers, and drops expired ones', async () => {
    let now = 0;
    const memo = new CallerMemo(1000, 3, () => now);
    for (const key of ['a', 'b', 'c', 'd', 'e'])
      await memo.get(key, async () => key);
    await new Promise(r => setImmediate(r));
    expect(memo.size).toBeLessThanOrEqual(4);
    now = 2000;
    await memo.get('f', async () => 'f');
    expect(memo.size).toBe(1);
  });
});

describe('callerKey', () => {
  it('differs between callers and between tokens of one user, never contains the token', () => {
    expect(callerKey(ALICE)).not.toBe(callerKey(BOB));
    expect(callerKey(ALICE)).toBe(
      callerKey(mockCredentials.user('user:default/alice')),
    );
    const withToken = (token: string) => {
      const credentials = mockCredentials.user('user:default/alice');
      Object.defineProperty(credentials, 'token', { value: token });
      return credentials;
    };
    expect(callerKey(withToken('token-one'))).not.toBe(
      callerKey(withToken('token-two')),
    );
    expect(callerKey(withToken('token-one'))).not.toContain('token-one');
    expect(callerKey(mockCredentials.service('plugin:a'))).not.toBe(
      callerKey(mockCredentials.service('plugin:b')),
    );
  });
});

describe('callerCachedCatalog', () => {
  it('two concurrent identical reads of one caller → one catalog read', async () => {
    const { open, opened } = gate();
    const { calls, catalog } = countedCatalog(opened);
    const cached = callerCachedCatalog(catalog, new CallerMemo(0));
    const both = Promise.all([
      cached.getEntityByRef(PAYMENT, { credentials: ALICE }),
      cached.getEntityByRef(PAYMENT, { credentials: ALICE }),
    ]);
    open();
    const [first, second] = await both;
    expect(first?.metadata.name).toBe('paymentservice');
    expect(second).toBe(first);
    expect(calls).toEqual(['user:default/alice getEntityByRef']);
  });

  it('two callers never share a read, even at the same time and with a TTL', async () => {
    const { open, opened } = gate();
    const { calls, catalog } = countedCatalog(opened);
    const cached = callerCachedCatalog(catalog, new CallerMemo(60_000));
    const request = { entityRefs: [PAYMENT, 'component:default/productpage'] };
    const both = Promise.all([
      cached.getEntitiesByRefs(request, { credentials: ALICE }),
      cached.getEntitiesByRefs(request, { credentials: BOB }),
    ]);
    open();
    const [alice, bob] = await both;
    expect(alice.items.map(e => e?.metadata.name)).toEqual([
      'paymentservice',
      'productpage',
    ]);
    expect(bob.items.map(e => e?.metadata.name)).toEqual([
      undefined,
      'productpage',
    ]);
    expect(calls.sort()).toEqual([
      'user:default/alice getEntitiesByRefs',
      'user:default/bob getEntitiesByRefs',
    ]);
    // With the TTL, alice's answer is reused; different requests are not.
    await cached.getEntitiesByRefs(request, { credentials: ALICE });
    await cached.getEntitiesByRefs(
      { entityRefs: [PAYMENT] },
      { credentials: ALICE },
    );
    expect(calls.length).toBe(3);
  });

  it('passes every other catalog method through', async () => {
    const { calls, catalog } = countedCatalog();
    const cached = callerCachedCatalog(catalog, new CallerMemo(60_000));
    await cached.queryEntities({}, { credentials: ALICE });
    await cached.queryEntities({}, { credentials: ALICE });
    expect(calls).toEqual([
      'user:default/alice queryEntities',
      'user:default/alice queryEntities',
    ]);
  });
});

describe('CallerCachedPermissions', () => {
  /** Decides `read` per user and resource (alice: everything; bob: not paymentservice); counts calls. */
  function countedPermissions(hold?: Promise<void>, fail = () => false) {
    const batches: string[][] = [];
    const permissions = {
      authorize: async (requests: any[], { credentials }: any) => {
        const user = credentials.principal.userEntityRef;
        batches.push(requests.map(r => `${user} ${r.resourceRef}`));
        await hold;
        if (fail()) throw new Error('permission backend down');
        return requests.map(r => ({
          result:
            user === 'user:default/alice' || r.resourceRef !== PAYMENT
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }));
      },
      authorizeConditional: async () => [],
    };
    return { batches, permissions };
  }
  const ask = (
    p: CallerCachedPermissions,
    credentials: typeof ALICE,
    refs: string[],
  ) =>
    p
      .authorize(
        refs.map(resourceRef => ({ permission: read, resourceRef })),
        { credentials },
      )
      .then(ds => ds.map(d => d.result));

  it('joins decisions in flight and sends only the others, in one batch', async () => {
    const { open, opened } = gate();
    const { batches, permissions } = countedPermissions(opened);
    const cached = new CallerCachedPermissions(permissions, new CallerMemo(0));
    const both = Promise.all([
      ask(cached, ALICE, [PAYMENT]),
      ask(cached, ALICE, [
        'component:default/a',
        PAYMENT,
        'component:default/b',
      ]),
    ]);
    open();
    expect(await both).toEqual([
      [AuthorizeResult.ALLOW],
      [AuthorizeResult.ALLOW, AuthorizeResult.ALLOW, AuthorizeResult.ALLOW],
    ]);
    expect(batches).toEqual([
      [`user:default/alice ${PAYMENT}`],
      [
        'user:default/alice component:default/a',
        'user:default/alice component:default/b',
      ],
    ]);
  });

  it('two callers never share a decision', async () => {
    const { open, opened } = gate();
    const { batches, permissions } = countedPermissions(opened);
    const cached = new CallerCachedPermissions(
      permissions,
      new CallerMemo(60_000),
    );
    const both = Promise.all([
      ask(cached, ALICE, [PAYMENT]),
      ask(cached, BOB, [PAYMENT]),
    ]);
    open();
    expect(await both).toEqual([
      [AuthorizeResult.ALLOW],
      [AuthorizeResult.DENY],
    ]);
    expect(batches.length).toBe(2);
    // With the TTL, bob's denial is reused for bob only.
    expect(await ask(cached, BOB, [PAYMENT])).toEqual([AuthorizeResult.DENY]);
    expect(batches.length).toBe(2);
  });

  it('fails closed: a failed batch fails every decision in it, and is asked again next time', async () => {
    let failing = true;
    const { batches, permissions } = countedPermissions(
      undefined,
      () => failing,
    );
    const cached = new CallerCachedPermissions(
      permissions,
      new CallerMemo(60_000),
    );
    await expect(
      ask(cached, BOB, [PAYMENT, 'component:default/a']),
    ).rejects.toThrow('permission backend down');
    failing = false;
    expect(await ask(cached, BOB, [PAYMENT, 'component:default/a'])).toEqual([
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
    ]);
    expect(batches.length).toBe(2);
  });
});

describe('mesh.callerCache.ttlSeconds', () => {
  const readTtl = (callerCache: object) =>
    readMeshConfig(new ConfigReader({ mesh: { callerCache } })).callerCache;

  it('defaults to 0 (joined while in flight only) and reads seconds', () => {
    expect(readTtl({})).toEqual({ ttlMs: 0 });
    expect(readTtl({ ttlSeconds: 5 })).toEqual({ ttlMs: 5000 });
  });

  it('refuses a negative or huge TTL with a readable error', () => {
    expect(() => readTtl({ ttlSeconds: -1 })).toThrow(
      'mesh.callerCache.ttlSeconds must be between 0 and 300 seconds, got -1',
    );
    expect(() => readTtl({ ttlSeconds: 3600 })).toThrow(/between 0 and 300/);
  });
});
