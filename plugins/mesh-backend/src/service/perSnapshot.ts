/*
 * What MeshGraphService computes once per traffic snapshot instead of once per request: a model's
 * snapshot is the same object for every request until the next refresh (../sources/model), so an
 * entity's graph or health then costs what its answer holds. Kept weakly: a replaced snapshot's
 * results go with it; graph bases, the larger part, are also bounded in number
 * (../graph/meshGraphBase MAX_KEPT_BASES). Live reads (other windows, past times) bring new
 * snapshots and simply compute everything once.
 */
import {
  BaseInput,
  MeshGraphBase,
  MeshGraphBases,
} from '../graph/meshGraphBase';
import { createHash } from 'crypto';
import { baseInventoryKey } from '../graph/baseInventoryKey';
import { ClusterNaming, clusterNaming } from '../graph/nodeIdentity';
import { finishInSlices } from '../graph/slicedWork';
import { SnapshotLru } from '../graph/snapshotLru';
import {
  DEFAULT_HEALTH_RULES,
  HealthRules,
  ObjectHealth,
  objectHealthOf,
} from '../health/objectHealth';
import { TrafficSnapshot } from '../sources/types';
import { Inventory, serviceEntriesOf } from './readInventory';
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
    Map<string, Promise<ObjectHealth>>
  >();
  private readonly ids = new WeakMap<object, number>();

  constructor(private readonly rules: HealthRules = DEFAULT_HEALTH_RULES) {}

  /**
   * Request health of every object of a snapshot, and the inventory's cluster naming. Computed a
   * slice at a time (../graph/slicedWork), once per snapshot and naming however many requests ask
   * meanwhile.
   */
  async objectHealthOf(snapshot: TrafficSnapshot, inventory: Inventory) {
    const { clusterName, clusters } = clusterNamingOf(inventory);
    let byClusters = this.health.get(snapshot);
    if (!byClusters) this.health.set(snapshot, (byClusters = new Map()));
    let health = byClusters.get(clusters);
    if (!health)
      byClusters.set(
        clusters,
        (health = finishInSlices(
          objectHealthOf(snapshot, clusterName, this.rules),
        )),
      );
    return { clusterName, clusters, health: await health };
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

  /**
   * The graph base of an input read from this inventory (../graph/meshGraphBase): the one kept for
   * an earlier inventory that differs only in what bases do not read (pods, replicas, readiness:
   * ../graph/baseInventoryKey).
   */
  graphBase(input: BaseInput, inventory: Inventory): Promise<MeshGraphBase> {
    const { clusters } = clusterNamingOf(inventory);
    return this.bases.get(
      input,
      `${input.graphType}\n${clusters}\n${baseInventoryKey(input)}`,
    );
  }

  /** The graph types bases of this snapshot were asked for. */
  graphTypesOf(snapshot: TrafficSnapshot) {
    return this.bases.graphTypesOf(snapshot);
  }

  /** How many graph bases are kept now. */
  get basesKept(): number {
    return this.bases.size;
  }

  /**
   * Computes what requests of a model's new snapshot will read before they see it
   * (../sources/model/TrafficModel): what requests read of the snapshot it replaces — its object
   * health, its graph bases by graph type. So no request waits for them, they run a slice at a
   * time, and windows nobody asks for cost nothing.
   */
  async prepare(
    next: TrafficSnapshot,
    previous: TrafficSnapshot | undefined,
    inventory: Inventory,
  ): Promise<void> {
    if (!previous) return;
    const { clusterName } = clusterNamingOf(inventory);
    if (this.hasObjectHealth(previous, inventory))
      await this.objectHealthOf(next, inventory);
    for (const graphType of this.bases.graphTypesOf(previous))
      await this.graphBase(
        {
          graphType,
          traffic: next,
          workloads: inventory.workloads,
          services: inventory.services,
          serviceEntries: serviceEntriesOf(inventory),
          clusterName,
        },
        inventory,
      );
  }

  /** Whether the object health of a snapshot was computed (or is being) for this naming. */
  hasObjectHealth(snapshot: TrafficSnapshot, inventory: Inventory): boolean {
    return !!this.health
      .get(snapshot)
      ?.has(clusterNamingOf(inventory).clusters);
  }

  /**
   * Names what a mesh-wide answer (./sharedAnswers) reads of an inventory besides what the view and
   * mapping digests cover: the Service and Istio object lists, and each workload's identity, kind,
   * labels, pod labels and data plane (so all that graph bases read) — not its replica counts,
   * pods or readiness. A cluster changes those all the time, and at 5,000 workloads the overview
   * and the whole-mesh graph held the event loop ~1–1.7 s each time they were computed again; so
   * mesh-wide answers show them as of their snapshot's first request and take new ones with the
   * next refresh, like their traffic (docs/design-decisions.md, "A changing cluster").
   */
  answerInventoryId(inventory: Inventory): string {
    return [
      this.idOf(inventory.services),
      this.idOf(inventory.istioObjects),
      workloadShapes(inventory.workloads),
    ].join('/');
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = nextId++));
    return id;
  }
}

let nextId = 0;

const shapes = new WeakMap<Inventory['workloads'], string>();

/** Each workload's identity, kind, labels and data plane (not replicas, pods or readiness), hashed. */
function workloadShapes(workloads: Inventory['workloads']): string {
  let key = shapes.get(workloads);
  if (key === undefined) {
    const hash = createHash('sha256');
    for (const w of workloads)
      hash.update(
        JSON.stringify([
          w.cluster,
          w.namespace,
          w.name,
          w.kind,
          w.dataplane,
          w.serviceAccount,
          w.labels,
          w.podLabels,
        ]),
      );
    shapes.set(workloads, (key = hash.digest('base64url')));
  }
  return key;
}

const namings = new WeakMap<Inventory, ClusterNaming>();

/**
 * Istio cluster ids (metric labels) → configured cluster names, and a key naming that map; once
 * per inventory read (a request asks for it for its object health and each graph base).
 */
export function clusterNamingOf(inventory: Inventory): ClusterNaming {
  let naming = namings.get(inventory);
  if (!naming) {
    naming = clusterNaming(
      new Map(inventory.clusters.map(c => [c.istioClusterId, c.name])),
    );
    namings.set(inventory, naming);
  }
  return naming;
}
