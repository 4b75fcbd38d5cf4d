/*
 * Results computed from one traffic snapshot, kept while the snapshot lives and bounded in number:
 * a model's snapshot is the same object for every request until the next refresh
 * (../sources/model), so what is derived from it alone can be computed once. The least recently
 * used entry is dropped beyond `max`, and entries of replaced snapshots first; a dropped entry is
 * computed again when asked for, with the same result. Live reads bring a new snapshot each time
 * and simply compute once.
 */
import { TrafficSnapshot } from '../sources/types';

export class SnapshotLru<T> {
  private readonly kept = new Map<
    string,
    { snapshot: WeakRef<TrafficSnapshot>; value: T }
  >();
  private readonly snapshotIds = new WeakMap<TrafficSnapshot, number>();
  private nextSnapshotId = 0;

  constructor(private readonly max: number) {}

  /** `key` names everything else the value depends on besides the snapshot. */
  get(snapshot: TrafficSnapshot, key: string, compute: () => T): T {
    let snapshotId = this.snapshotIds.get(snapshot);
    if (snapshotId === undefined)
      this.snapshotIds.set(snapshot, (snapshotId = this.nextSnapshotId++));
    const id = `${snapshotId}\n${key}`;
    const found = this.kept.get(id);
    // Map order is recency: an entry found is moved to the end.
    this.kept.delete(id);
    const entry = found ?? {
      snapshot: new WeakRef(snapshot),
      value: compute(),
    };
    for (const [k, e] of this.kept)
      if (!e.snapshot.deref()) this.kept.delete(k);
    while (this.kept.size >= this.max)
      this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(id, entry);
    return entry.value;
  }

  /** How many entries are kept now. */
  get size(): number {
    return this.kept.size;
  }
}
