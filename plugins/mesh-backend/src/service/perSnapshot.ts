/*
 * What MeshGraphService computes once per traffic snapshot instead of once per request: a model's
 * snapshot is the same object for every request until the next refresh (../sources/model), so an
 * entity's graph or health then costs what its answer holds. Kept weakly: a replaced snapshot's
 * results go with it; graph bases, the larger part, are also bounded in number
 * (../graph/meshGraphBase MAX_KEPT_BASES). Live reads (other windows, past times) bring new
 * snapshots and simply compute everything once.
 */
import { MeshGraphBase, MeshGraphBases } from '../graph/meshGraphBase';
import { GraphInput } from '../graph/buildGraph';
import { SnapshotLru } from '../graph/snapshotLru';
import { ObjectHealth } from '../health/objectHealth';
import { TrafficSnapshot } from '../sources/types';
import { Inventory } from './readInventory';
import type { Reuse } from './sharedAnswers';

/**
 * Mesh-wide answers kept (./MeshGraphService `reuse`): the default window's graph and
 * overview for the few distinct views callers have. A whole-mesh graph at 5,000 workloads /
 * 25,000 edges is tens of MB, so few are kept.
 */
export const MAX_KEPT_ANSWERS = 6;

export class PerSnapshot {
  private readonly bases = new MeshGraphBases();
  private readonly answers = new SnapshotLru<unknown>(MAX_KEPT_ANSWERS);
  private readonly health = new WeakMap<
    TrafficSnapshot,
    Map<string, ObjectHealth>
  >();
  private readonly ids = new WeakMap<object, number>();

  /** Object health of a snapshot, per cluster naming (`clusters`: the Istio cluster id → name map). */
  objectHealth(
    snapshot: TrafficSnapshot,
    clusters: string,
    compute: () => ObjectHealth,
  ): ObjectHealth {
    let byClusters = this.health.get(snapshot);
    if (!byClusters) this.health.set(snapshot, (byClusters = new Map()));
    let health = byClusters.get(clusters);
    if (!health) byClusters.set(clusters, (health = compute()));
    return health;
  }

  /**
   * Computes what `key` and a name name of a snapshot once while kept; without a key (an answer
   * that cannot be shared), every time.
   */
  reuse(snapshot: TrafficSnapshot, key: string | undefined): Reuse {
    if (!key) return (_name, compute) => compute();
    return (name, compute) =>
      this.answers.get(snapshot, `${name}\n${key}`, compute) as ReturnType<
        typeof compute
      >;
  }

  /** `identity`: the graph type, the cluster naming and {@link inventoryId}. */
  graphBase(input: GraphInput, identity: string): MeshGraphBase {
    return this.bases.get(input, identity);
  }

  /** Names an inventory's objects: the same while no cluster changed (../service/readInventory). */
  inventoryId(inventory: Inventory): string {
    return `${this.idOf(inventory.workloads)}/${this.idOf(inventory.services)}`;
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = nextId++));
    return id;
  }
}

let nextId = 0;
