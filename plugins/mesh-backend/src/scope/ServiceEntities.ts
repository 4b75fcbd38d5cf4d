/*
 * Every catalog entity mapped to workloads, read with the mesh plugin's OWN service credentials,
 * for two things: to know which workloads belong to some entity, so that those whose entity the
 * caller may not read can be withheld (see ./ownedWorkloads); and as the list a caller's view is
 * decided from (./decidedView: only the entities the caller's own decisions let them read are ever
 * returned). The list is the same for every caller, so it is shared: concurrent reads join one
 * catalog request, and the result is kept for a short TTL (an entity added to the catalog is
 * therefore known to own its workloads at most TTL later).
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

export class ServiceEntities {
  private cached?: { at: number; entities: Promise<Entity[]> };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly nameMapping: NameMappingPolicy,
    private readonly ttlMs = SERVICE_ENTITIES_TTL_MS,
  ) {}

  /** Mapped entities (MAPPED_FIELDS). Throws when the catalog cannot be read. */
  async mappedEntities(now = Date.now()): Promise<Entity[]> {
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      const entities = this.read();
      this.cached = { at: now, entities };
      // A failed read is not kept, nor an empty one (a catalog that is still processing its
      // first entities after a start): the next request reads again.
      const forget = () => {
        if (this.cached?.entities === entities) this.cached = undefined;
      };
      entities.then(items => items.length === 0 && forget(), forget);
    }
    return this.cached.entities;
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

  private async readCatalog(): Promise<Entity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: mappableEntitiesFilter(this.nameMapping),
        // What a caller's view reads (./decidedView applies the caller's decisions to these).
        fields: MAPPED_FIELDS,
      },
      { credentials },
    );
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
