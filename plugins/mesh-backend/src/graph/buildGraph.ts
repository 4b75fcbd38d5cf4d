/*
 * The graph pipeline, Kiali-style: build the traffic map, then run small named steps in a fixed
 * order. Pure: everything it needs comes in as data, so golden-file tests can drive it.
 */
import {
  MeshGraph,
  MeshGraphType,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { Service } from '../kube/types';
import { Workload } from '../kube/workloads';
import { TrafficSnapshot } from '../sources/types';
import {
  DEFAULT_HEALTH_RULES,
  HealthRules,
  objectHealth,
  ObjectHealth,
} from '../health/objectHealth';
import { addHealth } from './appenders/addHealth';
import {
  addServiceEntries,
  ClusterServiceEntry,
} from './appenders/addServiceEntries';
import { addIstioConfig, ClusterIstioObject } from './appenders/addIstioConfig';
import { addLatency } from './appenders/addLatency';
import { addSecurity } from './appenders/addSecurity';
import { addWorkloadInfo } from './appenders/addWorkloadInfo';
import { focusNeighbourhood } from './appenders/focusNeighbourhood';
import { EntityInfo, linkEntities, OwnerIndex } from './appenders/linkEntities';
import { markL4Only } from './appenders/markL4Only';
import { markRoots } from './appenders/markRoots';
import { backingWorkloads, indexWorkloads } from './appenders/workloadsOfNode';
import { buildTrafficMap } from './buildTrafficMap';
import { ClusterNames } from './nodeIdentity';
import { toWireGraph } from './toWireGraph';
import { waypointKeys } from '../kube/waypoints';
import { finish, SlicedWork } from './slicedWork';
import { TrafficMap } from './types';

export interface GraphInput {
  graphType: MeshGraphType;
  windowSeconds: number;
  time: Date;
  traffic: TrafficSnapshot;
  workloads: Workload[];
  services: Array<Service & { cluster: string }>;
  owners: OwnerIndex;
  /** ServiceEntries of every cluster (external hosts become one node per entry). */
  serviceEntries?: ClusterServiceEntry[];
  /** Istio and Gateway API objects of every cluster, for the node badges (./appenders/addIstioConfig). */
  istioObjects?: ClusterIstioObject[];
  /** Owner and System of the linked entities. */
  entities?: Map<string, EntityInfo>;
  /** Maps Istio cluster ids from metric labels to configured cluster names. */
  clusterName: ClusterNames;
  /** When set, the graph is cut to these workloads' neighbourhood (keys `cluster/namespace/name`). */
  focus?: { workloads: Set<string>; hops: number };
  health?: HealthRules;
  /** Request health per workload, app and Service (computed from `traffic` when absent). */
  objectHealth?: ObjectHealth;
  errors: MeshSourceError[];
}

type GraphStep = [string, (map: TrafficMap, input: GraphInput) => void];

/** A step that may yield between samples, edges or nodes (./slicedWork). */
type SlicedStep = [
  string,
  (map: TrafficMap, input: GraphInput) => SlicedWork<void>,
];

/** A step that runs in one piece: cheap even over the whole mesh. */
function whole(
  step: (map: TrafficMap, input: GraphInput) => unknown,
): SlicedStep[1] {
  return function* inOnePiece(map, input) {
    step(map, input);
  };
}

/**
 * Steps over the whole mesh's map that only decorate each edge from the samples behind it, so
 * they give every edge the same values whether they run before or after the focus cut: a mesh
 * model runs them once per snapshot (./meshGraphBase).
 */
export const MESH_STEPS: SlicedStep[] = [
  [
    'addServiceEntries',
    whole((map, input) => addServiceEntries(map, input.serviceEntries ?? [])),
  ],
  [
    'addSecurity',
    (map, input) => addSecurity(map, input.traffic, input.clusterName),
  ],
  [
    'addLatency',
    (map, input) => addLatency(map, input.traffic, input.clusterName),
  ],
];

/**
 * Steps over the nodes of the view: after the focus cut, they cost what the view holds (the whole
 * mesh for the overview's graph: those that can take long there yield).
 */
export const VIEW_STEPS: SlicedStep[] = [
  [
    'focusNeighbourhood',
    whole(
      (map, input) =>
        input.focus &&
        focusNeighbourhood(map, focusNodeIds(map, input), input.focus.hops),
    ),
  ],
  [
    'addIstioConfig',
    whole((map, input) =>
      addIstioConfig(
        map,
        input.istioObjects ?? [],
        indexWorkloads(input.workloads),
        input.services,
      ),
    ),
  ],
  [
    'addWorkloadInfo',
    whole((map, input) =>
      addWorkloadInfo(map, indexWorkloads(input.workloads)),
    ),
  ],
  ['markL4Only', whole(map => markL4Only(map))],
  [
    'addHealth',
    (map, input) =>
      addHealth(
        map,
        input.objectHealth ??
          objectHealth(
            input.traffic,
            input.clusterName,
            input.health ?? DEFAULT_HEALTH_RULES,
          ),
        node =>
          backingWorkloads(
            node,
            indexWorkloads(input.workloads),
            input.services,
          ),
      ),
  ],
  [
    'linkEntities',
    whole((map, input) =>
      linkEntities(
        map,
        indexWorkloads(input.workloads),
        input.owners,
        input.services,
        input.entities,
      ),
    ),
  ],
  ['markRoots', whole(map => markRoots(map))],
];

/** Named steps, in order; each mutates the map (they are small and read in sequence). */
export const GRAPH_STEPS: GraphStep[] = [...MESH_STEPS, ...VIEW_STEPS].map(
  ([name, step]): GraphStep => [name, (map, input) => finish(step(map, input))],
);

function focusNodeIds(map: TrafficMap, input: GraphInput): Set<string> {
  const index = indexWorkloads(input.workloads);
  const ids = new Set<string>();
  for (const node of map.nodes.values()) {
    const backing = backingWorkloads(node, index, input.services);
    if (
      backing.some(w =>
        input.focus!.workloads.has(`${w.cluster}/${w.namespace}/${w.name}`),
      )
    )
      ids.add(node.id);
  }
  return ids;
}

export function buildGraph(input: GraphInput): MeshGraph {
  const map = buildTrafficMap(
    input.traffic,
    input.graphType,
    input.clusterName,
    waypointKeys(input.workloads),
  );
  for (const [, step] of GRAPH_STEPS) step(map, input);
  return toWireGraph(map, input.windowSeconds, input.time, input.errors);
}
