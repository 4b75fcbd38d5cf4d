/*
 * What a mesh model keeps per traffic snapshot so that an entity's graph costs what its
 * neighbourhood holds, not what the mesh holds (issue 15): the whole mesh's traffic map after the
 * mesh-wide steps (./buildGraph MESH_STEPS), its adjacency, and which nodes each workload stands
 * behind. A request then finds its focus nodes by workload, walks the adjacency `hops` steps, and
 * runs the view steps (./buildGraph VIEW_STEPS) on copies of the kept nodes only. The answer is
 * the one ./buildGraph gives for the same input (meshGraphBase.test.ts checks it on real meshes).
 * Bases are kept per snapshot (a model's snapshot lives until the next refresh) and per inventory,
 * a bounded number of them (MeshGraphBases).
 */
import { MeshGraph, MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { TrafficSnapshot } from '../sources/types';
import { SnapshotLru } from './snapshotLru';
import {
  adjacencyOf,
  Adjacency,
  neighbourhood,
} from './appenders/focusNeighbourhood';
import { backingWorkloads, indexWorkloads } from './appenders/workloadsOfNode';
import { trafficMapOf } from './buildTrafficMap';
import { eachSliced, finish, finishInSlices, SlicedWork } from './slicedWork';
import { GraphInput, MESH_STEPS, VIEW_STEPS } from './buildGraph';
import { toWireGraphOf } from './toWireGraph';
import { waypointKeys } from '../kube/waypoints';
import { GraphEdge, GraphNode, TrafficMap } from './types';

export interface MeshGraphBase {
  /** After the mesh-wide steps; never changed afterwards (views copy the nodes they keep). */
  map: TrafficMap;
  adjacency: Adjacency;
  nodePosition: Map<string, number>;
  /** Workload key (`cluster/namespace/name`) → ids of the nodes it stands behind. */
  nodesOfWorkload: Map<string, string[]>;
  /** Node id → keys of the workloads behind it (what a view must decide the visibility of). */
  workloadsOfNode: Map<string, string[]>;
}

/** What the mesh-wide part of the pipeline reads (a focus and catalog links are per view). */
export type BaseInput = Pick<
  GraphInput,
  | 'graphType'
  | 'traffic'
  | 'workloads'
  | 'services'
  | 'serviceEntries'
  | 'clusterName'
>;

export function buildMeshGraphBase(input: BaseInput): MeshGraphBase {
  return finish(meshGraphBaseOf(input));
}

/** {@link buildMeshGraphBase}, yielding between samples and nodes (./slicedWork). */
export function* meshGraphBaseOf(input: BaseInput): SlicedWork<MeshGraphBase> {
  const map = yield* trafficMapOf(
    input.traffic,
    input.graphType,
    input.clusterName,
    waypointKeys(input.workloads),
  );
  const full = input as GraphInput;
  for (const [, step] of MESH_STEPS) yield* step(map, full);
  const index = indexWorkloads(input.workloads);
  const nodesOfWorkload = new Map<string, string[]>();
  const workloadsOfNode = new Map<string, string[]>();
  const nodePosition = new Map<string, number>();
  yield* eachSliced(map.nodes.values(), node => {
    nodePosition.set(node.id, nodePosition.size);
    const backing = backingWorkloads(node, index, input.services);
    workloadsOfNode.set(
      node.id,
      backing.map(w => `${w.cluster}/${w.namespace}/${w.name}`),
    );
    for (const w of backing) {
      const key = `${w.cluster}/${w.namespace}/${w.name}`;
      const ids = nodesOfWorkload.get(key);
      if (ids) ids.push(node.id);
      else nodesOfWorkload.set(key, [node.id]);
    }
  });
  return {
    map,
    adjacency: adjacencyOf(map.edges.values()),
    nodePosition,
    nodesOfWorkload,
    workloadsOfNode,
  };
}

/** The node ids a view of these workloads starts from, and the nodes and edges `hops` away. */
export function neighbourhoodOf(
  base: MeshGraphBase,
  focus: { workloads: Set<string>; hops: number },
) {
  const focusIds = new Set<string>();
  for (const key of focus.workloads)
    for (const id of base.nodesOfWorkload.get(key) ?? []) focusIds.add(id);
  return {
    focusIds,
    ...neighbourhood(base.adjacency, focusIds, focus.hops),
  };
}

/**
 * Every workload a view of these workloads may show, a superset of its answer: their own, and
 * those behind every node within `hops` of them (what a view must decide the visibility of).
 */
export function workloadsNear(
  base: MeshGraphBase,
  workloads: string[],
  hops: number,
): string[] {
  const { nodes } = neighbourhoodOf(base, {
    workloads: new Set(workloads),
    hops,
  });
  return [
    ...workloads,
    ...[...nodes].flatMap(id => base.workloadsOfNode.get(id) ?? []),
  ];
}

/** ./buildGraph for an input with a focus, from the base of its traffic and inventory. */
export function focusedGraph(
  base: MeshGraphBase,
  input: GraphInput & { focus: NonNullable<GraphInput['focus']> },
): MeshGraph {
  const kept = neighbourhoodOf(base, input.focus);
  const position = (id: string) => base.nodePosition.get(id)!;
  return finish(
    viewOf(
      base,
      [...kept.nodes].sort((a, b) => position(a) - position(b)),
      kept.edges,
      kept.focusIds,
      input,
    ),
  );
}

/**
 * ./buildGraph without a focus (the whole mesh: the overview, team and dependency views), from
 * the base: only the view steps run, over copies of every node.
 */
export function wholeGraph(base: MeshGraphBase, input: GraphInput): MeshGraph {
  return finish(wholeGraphOf(base, input));
}

/** {@link wholeGraph}, yielding between nodes and between steps (./slicedWork). */
export function* wholeGraphOf(
  base: MeshGraphBase,
  input: GraphInput,
): SlicedWork<MeshGraph> {
  return yield* viewOf(
    base,
    [...base.map.nodes.keys()],
    [...base.map.edges.values()],
    new Set(),
    input,
  );
}

/** The view steps over copies of the kept nodes (in the base's order) and the kept edges. */
function* viewOf(
  base: MeshGraphBase,
  nodeIds: string[],
  edges: Iterable<GraphEdge>,
  focusIds: Set<string>,
  input: GraphInput,
): SlicedWork<MeshGraph> {
  const nodes = new Map<string, GraphNode>();
  yield* eachSliced(nodeIds, id => {
    const node: GraphNode = { ...base.map.nodes.get(id)! };
    if (focusIds.has(id)) node.isFocus = true;
    nodes.set(id, node);
  });
  const map: TrafficMap = {
    ...base.map,
    nodes,
    edges: new Map([...edges].map(e => [e.id, e])),
  };
  // The cut is made: the view steps run without a focus (focusNeighbourhood does nothing then).
  const view = { ...input, focus: undefined };
  for (const [, step] of VIEW_STEPS) {
    yield* step(map, view);
    yield;
  }
  return yield* toWireGraphOf(
    map,
    input.windowSeconds,
    input.time,
    input.errors,
  );
}

/**
 * Bases kept at most, across snapshots and graph types: 4 canonical windows × 4 graph types could
 * keep 16 (at 5,000 workloads / 25,000 edges ≈ 25 MB each, `npm run bench:memory`), while most
 * requests ask for the default window and graph type.
 */
export const MAX_KEPT_BASES = 8;

/**
 * Bases per snapshot and `identity`, the least recently used dropped beyond `maxBases` and those
 * of replaced snapshots first (./snapshotLru). A base is built a slice at a time
 * (./slicedWork), once however many requests ask for it meanwhile; a dropped one is built again
 * when asked for: same answers.
 */
export class MeshGraphBases {
  private readonly kept: SnapshotLru<Promise<MeshGraphBase>>;
  private readonly graphTypes = new WeakMap<
    TrafficSnapshot,
    Set<MeshGraphType>
  >();

  constructor(maxBases = MAX_KEPT_BASES) {
    this.kept = new SnapshotLru(maxBases);
  }

  /** `identity` names everything else the base depends on: graph type, clusters, inventory. */
  get(input: BaseInput, identity: string): Promise<MeshGraphBase> {
    let types = this.graphTypes.get(input.traffic);
    if (!types) this.graphTypes.set(input.traffic, (types = new Set()));
    types.add(input.graphType);
    return this.kept.get(input.traffic, identity, () =>
      finishInSlices(meshGraphBaseOf(input)),
    );
  }

  /** The graph types bases of this snapshot were asked for. */
  graphTypesOf(snapshot: TrafficSnapshot): MeshGraphType[] {
    return [...(this.graphTypes.get(snapshot) ?? [])];
  }

  /** How many bases are kept now. */
  get size(): number {
    return this.kept.size;
  }
}
