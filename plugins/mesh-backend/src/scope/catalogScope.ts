/*
 * Which catalog entities a posture covers, read with the caller's credentials (so the catalog's
 * permission policy decides what counts): a System's components, a Group's components owned
 * directly or through sub-groups, or every entity mapped to workloads. Ownership and hierarchy are
 * read from relations when the catalog has processed them, and from `spec` otherwise.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityInfo } from '../graph/appenders/linkEntities';
import {
  mappableEntitiesFilter,
  NameMappingPolicy,
} from '../mapping/nameMapping';

/**
 * What a caller's view reads of each entity: the fields the views use, and every field the
 * catalog's permission rules read (`spec` whole for HAS_SPEC), so `mesh.entity.read` conditions
 * can be applied to them (./meshReadDecisions); the whole entity but its `status`, so a route's
 * entity can be answered from the plugin's own read (./decidedView).
 */
export const MAPPED_FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'relations',
];

/** Refs an entity points to through a relation or a spec field (`spec.owner: team-a`, `spec.children: [...]`). */
export function refsOf(
  entity: Entity,
  relation: string,
  specField: string,
  defaultKind: string,
): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const fromRelations = (entity.relations ?? [])
    .filter(r => r.type === relation)
    .map(r => r.targetRef);
  const raw = (entity.spec as Record<string, unknown> | undefined)?.[specField];
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const fromSpec = values.flatMap(v => {
    try {
      return [
        stringifyEntityRef(
          parseEntityRef(v, { defaultKind, defaultNamespace: namespace }),
        ),
      ];
    } catch {
      return [];
    }
  });
  return [...new Set([...fromRelations, ...fromSpec])];
}

export async function mappedEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  nameMapping: NameMappingPolicy,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: mappableEntitiesFilter(nameMapping),
      fields: MAPPED_FIELDS,
    },
    { credentials },
  );
  return items;
}

/** The group and all groups below it. */
export async function groupTree(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  root: string,
): Promise<Set<string>> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.parent',
        'spec.children',
        'relations',
      ],
    },
    { credentials },
  );
  const children = new Map<string, Set<string>>();
  const link = (parent: string, child: string) =>
    children.set(parent, (children.get(parent) ?? new Set()).add(child));
  for (const g of items) {
    const ref = stringifyEntityRef(g);
    refsOf(g, 'parentOf', 'children', 'Group').forEach(child =>
      link(ref, child),
    );
    refsOf(g, 'childOf', 'parent', 'Group').forEach(parent =>
      link(parent, ref),
    );
  }
  const tree = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (!tree.has(child)) {
        tree.add(child);
        queue.push(child);
      }
    }
  }
  return tree;
}

/** Mapped Components of a System or a Group (with its sub-groups). */
export async function componentsOf(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entity: Entity,
  nameMapping: NameMappingPolicy,
): Promise<Entity[]> {
  const ref = stringifyEntityRef(entity);
  const components = (
    await mappedEntities(catalog, credentials, nameMapping)
  ).filter(e => e.kind.toLowerCase() === 'component');
  if (entity.kind.toLowerCase() === 'system') {
    return components.filter(c =>
      refsOf(c, 'partOf', 'system', 'System').includes(ref),
    );
  }
  const groups = await groupTree(catalog, credentials, ref);
  return components.filter(c =>
    refsOf(c, 'ownedBy', 'owner', 'Group').some(owner => groups.has(owner)),
  );
}

/** Owner and system of each entity, as full refs (they decorate graph nodes). */
export function entityInfo(entities: Entity[]): Map<string, EntityInfo> {
  const info = new Map<string, EntityInfo>();
  for (const e of entities) {
    const [owner] = refsOf(e, 'ownedBy', 'owner', 'Group');
    const [system] = refsOf(e, 'partOf', 'system', 'System');
    info.set(stringifyEntityRef(e), {
      ...(owner ? { owner } : {}),
      ...(system ? { system } : {}),
    });
  }
  return info;
}
