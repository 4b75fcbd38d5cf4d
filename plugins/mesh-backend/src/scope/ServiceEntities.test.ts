/*
 * The plugin's own read keeps its identity while the catalog holds the same entities, so that what
 * is kept per read (views, claims, owner indexes) survives a re-read that changed nothing. The
 * catalog here is a test double handing out whatever the test put in it (fresh objects on each
 * read, as the catalog's API does).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DEFAULT_NAME_MAPPING } from '../mapping/nameMapping';
import {
  MAX_STALE_READS,
  PAGE_SIZE,
  SERVICE_ENTITIES_TTL_MS,
  ServiceEntities,
} from './ServiceEntities';

const component = (name: string, etag: string | undefined, owner = 'team') =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      ...(etag ? { etag } : {}),
      annotations: { 'backstage.io/kubernetes-id': name },
    },
    spec: { type: 'service', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  } as Entity);

describe('ServiceEntities', () => {
  let stored: Entity[] = [];
  /** The sizes of the pages the catalog handed out. */
  let pages: number[] = [];
  const catalog = {
    // Pages of the size asked for, as the catalog's cursors give them.
    async *streamEntities(request: { pageSize: number }) {
      const items = structuredClone(stored);
      for (let at = 0; at < items.length; at += request.pageSize) {
        const page = items.slice(at, at + request.pageSize);
        pages.push(page.length);
        yield page;
      }
    },
  } as unknown as CatalogService;
  const read = (entities: ServiceEntities, at: number) =>
    entities.mappedEntities(at * 60_000);

  it('hands out the same read while nothing changed, a new one on any change', async () => {
    const entities = new ServiceEntities(
      catalog,
      mockServices.auth(),
      DEFAULT_NAME_MAPPING,
    );
    stored = [component('a', 'e1'), component('b', 'e2')];
    const first = await read(entities, 1);
    expect(await read(entities, 2)).toBe(first);

    stored = [component('a', 'e1'), component('b', 'e3')];
    const edited = await read(entities, 3);
    expect(edited).not.toBe(first);
    expect(edited[1].metadata.etag).toBe('e3');

    // A provider's own etag that stays put: the new owner still makes a new read.
    stored = [component('a', 'e1'), component('b', 'e3', 'other-team')];
    const moved = await read(entities, 4);
    expect(moved).not.toBe(edited);
    expect(moved[1].relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/other-team' },
    ]);

    stored = [component('a', 'e1')];
    expect(await read(entities, 5)).toHaveLength(1);
  });

  it('never takes entities without etags for unchanged', async () => {
    const entities = new ServiceEntities(
      catalog,
      mockServices.auth(),
      DEFAULT_NAME_MAPPING,
    );
    stored = [component('a', undefined)];
    const first = await read(entities, 1);
    expect(await read(entities, 2)).not.toBe(first);
  });

  it('reads the catalog in pages and hands out all of them, in order', async () => {
    const entities = new ServiceEntities(
      catalog,
      mockServices.auth(),
      DEFAULT_NAME_MAPPING,
    );
    stored = Array.from({ length: 2 * PAGE_SIZE + 1 }, (_, i) =>
      component(`c${i}`, `e${i}`),
    );
    pages = [];
    const whole = await entities.mappedEntities();
    expect(pages).toEqual([PAGE_SIZE, PAGE_SIZE, 1]);
    expect(whole.map(e => e.metadata.name)).toEqual(
      stored.map(e => e.metadata.name),
    );
  });

  describe('while a re-read runs', () => {
    /** A catalog whose reads answer when the test says, each with what was stored when it was asked. */
    const gatedCatalog = () => {
      const pending: Array<{ answer: () => void; fail: () => void }> = [];
      const gated = {
        async *streamEntities() {
          const items = structuredClone(stored);
          yield await new Promise<Entity[]>((resolve, reject) =>
            pending.push({
              answer: () => resolve(items),
              fail: () => reject(new Error('catalog unavailable')),
            }),
          );
        },
      } as unknown as CatalogService;
      const next = async () => {
        // The read is asked for after the plugin's own credentials are had.
        await new Promise(r => setImmediate(r));
        return pending.shift()!;
      };
      return { gated, pending, next };
    };
    /** The plugin's read over a gated catalog, once read at time 0 (`first`). */
    const readOnce = async () => {
      const { gated, pending, next } = gatedCatalog();
      const entities = new ServiceEntities(
        gated,
        mockServices.auth(),
        DEFAULT_NAME_MAPPING,
      );
      stored = [component('a', 'e1')];
      const firstRead = entities.mappedEntities(0);
      (await next()).answer();
      return { entities, pending, next, first: await firstRead };
    };
    const TTL = SERVICE_ENTITIES_TTL_MS;
    /** Settles what is pending, then tells whether `promise` has. */
    const settled = async (promise: Promise<unknown>) => {
      let done = false;
      promise.then(
        () => (done = true),
        () => (done = true),
      );
      await new Promise(r => setImmediate(r));
      return done;
    };

    it('hands out the last read at once, and starts one re-read for every request meanwhile', async () => {
      const { entities, pending, next, first } = await readOnce();

      stored = [component('a', 'e2')];
      // Expired: the last read answers while the catalog has not yet.
      expect(await entities.mappedEntities(TTL + 1)).toBe(first);
      expect(await entities.mappedEntities(TTL + 2)).toBe(first);
      const reRead = await next();
      expect(pending).toHaveLength(0);
      reRead.answer();
      await new Promise(r => setImmediate(r));
      const second = await entities.mappedEntities(TTL + 3);
      expect(second).not.toBe(first);
      expect(second[0].metadata.etag).toBe('e2');
    });

    it(`waits for the re-read once the last read is ${MAX_STALE_READS} TTLs old, and then gets its failure`, async () => {
      const { entities, next, first } = await readOnce();

      // A failed re-read is not kept: the last read is still handed out, and the next request
      // reads again.
      expect(await entities.mappedEntities(TTL + 1)).toBe(first);
      (await next()).fail();
      await new Promise(r => setImmediate(r));
      expect(await entities.mappedEntities(TTL + 2)).toBe(first);
      (await next()).fail();
      await new Promise(r => setImmediate(r));

      const tooOld = entities.mappedEntities(MAX_STALE_READS * TTL);
      const reRead = await next();
      expect(await settled(tooOld)).toBe(false);
      reRead.fail();
      await expect(tooOld).rejects.toThrow('catalog unavailable');
    });

    it('does not replace the last read with an empty one (a catalog still processing after a start)', async () => {
      const { entities, next, first } = await readOnce();

      stored = [];
      expect(await entities.mappedEntities(TTL + 1)).toBe(first);
      (await next()).answer();
      await new Promise(r => setImmediate(r));
      // The empty read was not kept: this request read again.
      expect(await entities.mappedEntities(TTL + 2)).toBe(first);
      (await next()).answer();
      await new Promise(r => setImmediate(r));
      // Once the last read is too old, an empty catalog is what the caller gets.
      const tooOld = entities.mappedEntities(MAX_STALE_READS * TTL);
      (await next()).answer();
      expect(await tooOld).toEqual([]);
    });
  });
});
