/*
 * A generated catalog whose entities differ in everything the catalog's permission rules read:
 * kinds, namespaces, labels and annotations (with keys and values in varied casing), metadata
 * (title, tags), spec (owner, lifecycle, nested objects, arrays, long values) and `ownedBy`
 * relations (set here as the catalog's processing would). Every entity carries the Kubernetes
 * annotations the mesh plugin maps, so each is a row of /overview.
 */
import { Entity } from '@backstage/catalog-model';

export const VARIED_KINDS = ['Component', 'Resource', 'System', 'API'];
export const TEAMS = Array.from(
  { length: 5 },
  (_, t) => `group:default/team-${t}`,
);
const APPS = ['productpage', 'details', 'reviews', 'ratings'];
const TIERS = ['gold', 'Silver', 'BRONZE', 'gold-plus'];
const LIFECYCLES = ['production', 'Production', 'experimental', 'deprecated'];

/** Entity `i` of the catalog (deterministic: the same i gives the same entity). */
export function variedEntity(i: number): Entity {
  const pick = <T>(values: T[], salt: number) =>
    values[(i * 7 + salt) % values.length];
  const labels: Record<string, string> = {};
  if (i % 3 === 0) labels.tier = pick(TIERS, 1);
  else if (i % 3 === 1) labels.Tier = pick(TIERS, 2);
  if (i % 11 === 0)
    labels['mesh-demo.example.com/mesh-data-owners-only'] = 'true';
  const annotations: Record<string, string> = {
    'backstage.io/kubernetes-label-selector': `app=${pick(APPS, 0)}`,
    'backstage.io/kubernetes-namespace': 'bookinfo',
  };
  if (i % 4 === 0) annotations['example.com/pager'] = pick(['On', 'off'], 3);
  // Never both spellings on one entity: the catalog refuses keys that differ only in casing.
  else if (i % 4 === 2) annotations['Example.com/Pager'] = 'ON';
  const owner = TEAMS[i % TEAMS.length];
  const namespace = i % 13 === 0 ? 'ops' : 'default';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: VARIED_KINDS[i % VARIED_KINDS.length],
    metadata: {
      name: `entity-${i}`,
      namespace,
      ...(i % 2 === 0 ? { title: `Entity ${i}` } : {}),
      ...(i % 5 === 0 ? { tags: [pick(['java', 'Python', 'go'], 4)] } : {}),
      labels,
      annotations,
    },
    spec: {
      type: pick(['service', 'website', 'database'], 5),
      lifecycle: pick(LIFECYCLES, 6),
      owner,
      ...(i % 6 === 0 ? { system: `system:${namespace}/shop` } : {}),
      ...(i % 7 === 0 ? { deep: { nested: pick(['X', 'y'], 7), n: i } } : {}),
      ...(i % 8 === 0
        ? { dependsOn: [`component:default/entity-${(i + 1) % 50}`] }
        : {}),
      ...(i % 10 === 0 ? { notes: 'x'.repeat(250) } : {}),
      ...(i % 12 === 0 ? { enabled: i % 24 === 0 } : {}),
    },
    relations: i % 17 === 0 ? [] : [{ type: 'ownedBy', targetRef: owner }],
  };
}
