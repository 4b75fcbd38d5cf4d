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
import { ServiceEntities } from './ServiceEntities';

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
  const catalog = {
    getEntities: async () => ({ items: structuredClone(stored) }),
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
});
