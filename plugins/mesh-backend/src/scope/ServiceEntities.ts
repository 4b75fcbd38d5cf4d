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

  private async read(): Promise<Entity[]> {
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
