/*
 * The catalog's search rows of an entity (key, lower-cased value), as the catalog's HAS_METADATA
 * and HAS_SPEC permission rules read them: the same steps as `buildEntitySearch` of
 * @backstage/plugin-catalog-backend 4.0.0 (dist/database/operations/stitcher/buildEntitySearch),
 * which this plugin may not import (a backend plugin does not depend on another backend plugin's
 * package). packages/backend's meshReadConditions test checks the result against the catalog's own
 * rules. docs/access-model.md ("How mesh.entity.read is decided").
 */
import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

export interface SearchRow {
  key: string;
  value: string | null;
}

/** Paths the catalog leaves out of the generic walk (some are added back below). */
const SPECIAL_KEYS = [
  'attachments',
  'relations',
  'status',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.etag',
];
const MAX_KEY_LENGTH = 200;
const MAX_VALUE_LENGTH = 200;

type RawRow = { key: string; value: unknown };

function traverse(root: unknown): RawRow[] {
  const output: RawRow[] = [];
  const seenPathKeys = new Set<string>();
  function visit(path: string, current: unknown) {
    if (SPECIAL_KEYS.includes(path)) return;
    if (
      current === undefined ||
      current === null ||
      ['string', 'number', 'boolean'].includes(typeof current)
    ) {
      output.push({ key: path, value: current });
      return;
    }
    if (typeof current !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(path, item);
        if (typeof item === 'string') {
          const pathKey = `${path}.${item}`;
          const lowerKey = pathKey.toLowerCase();
          if (!seenPathKeys.has(lowerKey)) {
            seenPathKeys.add(lowerKey);
            output.push({ key: pathKey, value: true });
          }
        }
      }
      return;
    }
    for (const [key, value] of Object.entries(current)) {
      visit(path ? `${path}.${key}` : key, value);
    }
  }
  visit('', root);
  return output;
}

function toRow({ key: rawKey, value: rawValue }: RawRow): SearchRow[] {
  const key = rawKey.toLowerCase();
  if (key.length > MAX_KEY_LENGTH) return [];
  if (rawValue === undefined || rawValue === null)
    return [{ key, value: null }];
  const value = String(rawValue).toLowerCase();
  return [{ key, value: value.length <= MAX_VALUE_LENGTH ? value : null }];
}

/** Rows of an entity object; rows are computed once per object (views apply several rules). */
const rowsOf = new WeakMap<Entity, SearchRow[]>();

/**
 * The search rows of `entity`. Throws, as the catalog does, when two keys differ only in casing
 * (the caller then withholds the entity: fail closed).
 */
export function entitySearchRows(entity: Entity): SearchRow[] {
  const known = rowsOf.get(entity);
  if (known) return known;
  const raw = traverse(entity);
  raw.push({ key: 'metadata.name', value: entity.metadata.name });
  raw.push({ key: 'metadata.namespace', value: entity.metadata.namespace });
  raw.push({ key: 'metadata.uid', value: entity.metadata.uid });
  if (!entity.metadata.namespace)
    raw.push({ key: 'metadata.namespace', value: DEFAULT_NAMESPACE });
  for (const relation of entity.relations ?? [])
    raw.push({ key: `relations.${relation.type}`, value: relation.targetRef });
  const keys = new Set(raw.map(r => r.key));
  const lowerKeys = new Set(raw.map(r => r.key.toLowerCase()));
  if (keys.size !== lowerKeys.size)
    throw new InputError('Entity has duplicate keys that vary only in casing');
  const rows = raw.flatMap(toRow);
  rowsOf.set(entity, rows);
  return rows;
}
