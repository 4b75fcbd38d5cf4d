/*
 * Every catalog entity mapped to workloads, read with the mesh plugin's OWN service credentials,
 * for two things: to know which workloads belong to some entity, so that those whose entity the
 * caller may not read can be withheld (see ./ownedWorkloads); and as the list a caller's view is
 * decided from (./decidedView: only the entities the caller's own decisions let them read are ever
 * returned). The list is the same for every caller, so it is shared: concurrent reads join one
 * catalog request, and the result is kept for a short TTL (an entity added to the catalog is
 * therefore known to own its workloads at most TTL later).
 *
 * Once it has expired, the last read is still handed out while one re-read runs in the background
 * (stale-while-revalidate), up to MAX_STALE_READS TTLs after it was started. Every request that
 * came while a re-read of 5,000 entities was under way used to wait for it (the catalog's answer,
 * megabytes, sent and parsed in this process): at bench:scale's size those waits, 150–440 ms for
 * the mesh's requests alone, were a large part of the 50-user tail (README "At scale"). When the
 * catalog stops answering, requests wait again after that and fall back to the caller's own read
 * (./decidedView) instead of being answered from an ever older list.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MAPPED_FIELDS } from './catalogScope';
import {
  mappableEntitiesFilter,
  NameMappingPolicy,
} from '../mapping/nameMapping';

export const SERVICE_ENTITIES_TTL_MS = 15_000;
/** How many TTLs after it was started a read is still handed out while a re-read runs. */
export const MAX_STALE_READS = 4;
/** Entities per catalog request of a read (the catalog client's own default page). */
export const PAGE_SIZE = 500;

interface Read {
  /** When the read was started. */
  at: number;
  entities: Promise<Entity[]>;
}

export class ServiceEntities {
  /** The newest read: in flight, or answered with entities. */
  private cached?: Read;
  /** The newest read that answered with entities: handed out while a re-read runs. */
  private answered?: Read;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly nameMapping: NameMappingPolicy,
    private readonly ttlMs = SERVICE_ENTITIES_TTL_MS,
  ) {}

  /** Mapped entities (MAPPED_FIELDS). Throws when the catalog cannot be read. */
  async mappedEntities(now = Date.now()): Promise<Entity[]> {
    const within = (read: Read | undefined, ttls: number) =>
      read && now - read.at < ttls * this.ttlMs ? read : undefined;
    let current = within(this.cached, 1);
    if (!current) {
      const entities = this.read();
      this.cached = current = { at: now, entities };
      // A failed read is not kept, nor an empty one (a catalog that is still processing its
      // first entities after a start): the next request reads again.
      const forget = () => {
        if (this.cached?.entities === entities) this.cached = undefined;
      };
      entities.then(items => {
        if (items.length === 0) forget();
        else if (!this.answered || this.answered.at < now)
          this.answered = { at: now, entities };
      }, forget);
    }
    const stale = within(this.answered, MAX_STALE_READS);
    return (stale && stale.at < current.at ? stale : current).entities;
  }

  /** The last read, handed out again while the catalog holds the same entities. */
  private last?: Entity[];

  private async read(): Promise<Entity[]> {
    const items = await this.readCatalog();
    // Views, claims and owner indexes are kept per read object (./decidedView, ./answerScope,
    // ../service/catalogLinks): a re-read that changed nothing keeps them all.
    if (this.last && sameEntities(this.last, items)) return this.last;
    this.last = items;
    return items;
  }

  /**
   * In pages ({@link PAGE_SIZE}): the catalog runs in the same process, and read in one piece its
   * answer of 5,000 entities (their rows read, shaped and serialized) held the event loop ~175 ms
   * at a time, every TTL, while requests waited (a profile of bench:scale, README "At scale").
   */
  private async readCatalog(): Promise<Entity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const items: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      {
        filter: mappableEntitiesFilter(this.nameMapping),
        // What a caller's view reads (./decidedView applies the caller's decisions to these).
        fields: MAPPED_FIELDS,
        pageSize: PAGE_SIZE,
      },
      { credentials },
    ))
      items.push(...page);
    return items;
  }
}

/**
 * The same entities in the same order, each unchanged: the catalog gives a stored entity a new
 * `etag` when its final form changes — unless its provider set one, so relations (what ownership
 * decisions read) are compared as well. Without etags, never the same.
 */
function sameEntities(a: Entity[], b: Entity[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      !x.metadata.etag ||
      x.metadata.etag !== y.metadata.etag ||
      x.metadata.uid !== y.metadata.uid ||
      !sameRelations(x.relations ?? [], y.relations ?? [])
    )
      return false;
  }
  return true;
}

function sameRelations(
  a: NonNullable<Entity['relations']>,
  b: NonNullable<Entity['relations']>,
): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.type === b[i].type && r.targetRef === b[i].targetRef)
  );
}
