/*
 * Every catalog entity mapped to workloads, read with the mesh plugin's OWN service credentials.
 * Used for one thing only: to know which workloads belong to some entity, so that those whose
 * entity the caller may not read can be withheld (see ./ownedWorkloads). Nothing read here is ever
 * returned to a caller. The list is the same for every caller, so it is shared: concurrent reads
 * join one catalog request, and the result is kept for a short TTL (an entity added to the catalog
 * is therefore known to own its workloads at most TTL later).
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
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

  /** Mapped entities (kind, metadata, system, owner, relations). Throws when the catalog cannot be read. */
  async mappedEntities(now = Date.now()): Promise<Entity[]> {
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      const entities = this.read();
      this.cached = { at: now, entities };
      // A failed read is not kept: the next request tries again.
      entities.catch(() => {
        if (this.cached?.entities === entities) this.cached = undefined;
      });
    }
    return this.cached.entities;
  }

  private async read(): Promise<Entity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: mappableEntitiesFilter(this.nameMapping),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.system',
          // Membership of Systems and Groups (./targetMembers), as ./catalogScope's refsOf reads it.
          'spec.owner',
          'relations',
        ],
      },
      { credentials },
    );
    return items;
  }
}
