/*
 * The workloads an entity selector can match, found through an index of the list's labels instead
 * of by trying every workload: a superset of the matches, in the list's order, that ./mapEntity
 * then matches exactly. Selectors name their workloads by a label value (`app=reviews`, the
 * `kubernetes-id`) or a canonical service (name mapping), so an entity costs what it matches. The
 * index is kept per list (the inventory's lists stay the same objects while no cluster changed);
 * short lists are not indexed.
 */
import { Workload } from '../kube/workloads';
import { canonicalServiceIndex } from './canonicalService';
import { EntitySelector } from './entitySelector';

interface LabelIndex {
  /** `key\0value` and `namespace/key\0value` of workload and pod labels → workloads. */
  byLabel: Map<string, Workload[]>;
  byCanonical: Map<string, Workload[]>;
  position: Map<Workload, number>;
}

/** Lists shorter than this are matched workload by workload. */
const INDEXED_FROM = 64;
const indexes = new WeakMap<readonly Workload[], LabelIndex>();
const label = (key: string, value: string) => `${key}\u0000${value}`;

function add(map: Map<string, Workload[]>, key: string, w: Workload) {
  const list = map.get(key);
  if (list) list.push(w);
  else map.set(key, [w]);
}

function indexOf(workloads: readonly Workload[]): LabelIndex {
  let index = indexes.get(workloads);
  if (index) return index;
  index = {
    byLabel: new Map(),
    byCanonical: canonicalServiceIndex(workloads),
    position: new Map(),
  };
  for (const [i, w] of workloads.entries()) {
    index.position.set(w, i);
    const pairs = new Set(
      [...Object.entries(w.labels), ...Object.entries(w.podLabels)].map(
        ([k, v]) => label(k, v),
      ),
    );
    // By label, and by namespace and label (most entities name their namespace).
    for (const pair of pairs) {
      add(index.byLabel, pair, w);
      add(index.byLabel, `${w.namespace}/${pair}`, w);
    }
  }
  indexes.set(workloads, index);
  return index;
}

/**
 * The workloads of `workloads` the selector can match: those carrying one value of its first `in`
 * requirement (in its namespace, when it names one) and, for a `kubernetes-id` selector or a name
 * mapping, those of the canonical service; every workload when the selector has neither.
 */
export function candidatesOf(
  selector: EntitySelector,
  workloads: readonly Workload[],
): readonly Workload[] {
  if (workloads.length < INDEXED_FROM) return workloads;
  const requirement = selector.selector.find(r => r.op === 'in');
  const byName = selector.canonicalService ?? selector.kubernetesId;
  const values =
    selector.canonicalService === undefined &&
    requirement &&
    'values' in requirement
      ? requirement.values
      : undefined;
  if (!values && selector.canonicalService === undefined) return workloads;
  const index = indexOf(workloads);
  const found = new Set<Workload>();
  const scope = selector.namespace ? `${selector.namespace}/` : '';
  for (const value of values ?? [])
    for (const w of index.byLabel.get(scope + label(requirement!.key, value)) ??
      [])
      found.add(w);
  if (byName !== undefined)
    for (const w of index.byCanonical.get(byName) ?? []) found.add(w);
  return [...found].sort(
    (a, b) => index.position.get(a)! - index.position.get(b)!,
  );
}
