/*
 * The catalog's search rows of an entity (lower-cased key and value), as the catalog's
 * HAS_METADATA and HAS_SPEC permission rules read them: the same rows as `buildEntitySearch` of
 * @backstage/plugin-catalog-backend 4.0.0 (dist/database/operations/stitcher/buildEntitySearch),
 * which this plugin may not import (a backend plugin does not depend on another backend plugin's
 * package). packages/backend's meshReadConditions test checks the result against the catalog's own
 * rules. docs/access-model.md ("How mesh.entity.read is decided").
 */
import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Lower-cased key → the lower-cased values of its rows (null: no value, or one too long). */
export type SearchIndex = Map<string, Array<string | null>>;

/** Paths the catalog leaves out of the generic walk (some are added back below). */
const SPECIAL_KEYS = new Set([
  'attachments',
  'relations',
  'status',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.etag',
]);
const MAX_KEY_LENGTH = 200;
const MAX_VALUE_LENGTH = 200;

class IndexBuilder {
  readonly index: SearchIndex = new Map();
  /** Lower-cased key → the key as written: two spellings of one key are refused. */
  private readonly spelling = new Map<string, string>();
  private readonly seenPathKeys = new Set<string>();

  add(rawKey: string, rawValue: unknown): void {
    const key = rawKey.toLowerCase();
    const spelt = this.spelling.get(key);
    if (spelt === undefined) this.spelling.set(key, rawKey);
    else if (spelt !== rawKey)
      throw new InputError(
        'Entity has duplicate keys that vary only in casing',
      );
    if (key.length > MAX_KEY_LENGTH) return;
    let value: string | null = null;
    if (rawValue !== undefined && rawValue !== null) {
      const lower = String(rawValue).toLowerCase();
      if (lower.length <= MAX_VALUE_LENGTH) value = lower;
    }
    const values = this.index.get(key);
    if (values) values.push(value);
    else this.index.set(key, [value]);
  }

  visit(path: string, current: unknown): void {
    if (SPECIAL_KEYS.has(path)) return;
    if (
      current === undefined ||
      current === null ||
      typeof current === 'string' ||
      typeof current === 'number' ||
      typeof current === 'boolean'
    ) {
      this.add(path, current);
      return;
    }
    if (typeof current !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        this.visit(path, item);
        if (typeof item === 'string') {
          const pathKey = `${path}.${item}`;
          const lowerKey = pathKey.toLowerCase();
          if (!this.seenPathKeys.has(lowerKey)) {
            this.seenPathKeys.add(lowerKey);
            this.add(pathKey, true);
          }
        }
      }
      return;
    }
    for (const [key, value] of Object.entries(current))
      this.visit(path ? `${path}.${key}` : key, value);
  }
}

/** Indexes are built once per entity object (a view applies several rules to each). */
const indexes = new WeakMap<Entity, SearchIndex>();

/**
 * The search rows of `entity`, indexed by key. Throws, as the catalog does, when two keys differ
 * only in casing (the caller then withholds the entity: fail closed).
 */
export function entitySearchIndex(entity: Entity): SearchIndex {
  const known = indexes.get(entity);
  if (known) return known;
  const builder = new IndexBuilder();
  builder.visit('', entity);
  builder.add('metadata.name', entity.metadata.name);
  builder.add('metadata.namespace', entity.metadata.namespace);
  builder.add('metadata.uid', entity.metadata.uid);
  if (!entity.metadata.namespace)
    builder.add('metadata.namespace', DEFAULT_NAMESPACE);
  for (const relation of entity.relations ?? [])
    builder.add(`relations.${relation.type}`, relation.targetRef);
  indexes.set(entity, builder.index);
  return builder.index;
}
