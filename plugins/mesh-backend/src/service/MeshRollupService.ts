/*
 * The team view (a Group's components, its graph against other teams) and the catalog-wide
 * overview, both from one mesh-wide traffic read: what no mesh tool shows, because none of them
 * knows who owns what.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  MeshGraph,
  MeshHealth,
  MeshOverviewResponse,
  MeshTeamResponse,
} from '@mesh-portal/plugin-mesh-common';
import { collapseGraph, collapseGraphOf } from '../graph/rollup/collapseGraph';
import {
  finish,
  finishInSlices,
  mapSliced,
  SlicedWork,
} from '../graph/slicedWork';
import { entityNode } from '../graph/rollup/entityNode';
import { entityParts, entityTraffic } from '../graph/rollup/entityTraffic';
import { entityHealth } from '../health/entityHealth';
import { Workload } from '../kube/workloads';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { selectWorkloads } from '../mapping/mapEntity';
import { ScopeResolver } from '../scope/ScopeResolver';
import { MeshAnswer, MeshGraphService } from './MeshGraphService';
import { uniqueErrors } from './sourceErrors';

export interface RollupRequest {
  windowSeconds: number;
  credentials: BackstageCredentials;
  time?: Date;
}

const nameOf = (ref: string) => parseEntityRef(ref).name;

export class MeshRollupService {
  constructor(
    private readonly options: {
      graph: MeshGraphService;
      scope: ScopeResolver;
    },
  ) {}

  async getTeam(
    group: Entity,
    request: RollupRequest,
  ): Promise<MeshTeamResponse> {
    const groupRef = stringifyEntityRef(group);
    // Members are the Group's components the caller may read mesh data of; the others are withheld.
    const [scope, mesh] = await Promise.all([
      this.options.scope.members(request.credentials, group),
      this.options.graph.buildMeshGraph({ ...request, graphType: 'workload' }),
    ]);
    const { graph, entityInfo } = mesh;
    const healthOf = this.entityHealthOf(mesh);
    const ours = scope.members;
    const groups = scope.groups ?? [groupRef];
    const ourRefs = new Set(ours.map(e => stringifyEntityRef(e)));
    const collapsed = withEntityHealth(
      collapseGraph(graph, node => {
        if (node.entityRef && ourRefs.has(node.entityRef))
          return entityNode(
            node.entityRef,
            node,
            entityInfo.get(node.entityRef),
          );
        if (node.owner) {
          return {
            id: `team:${node.owner}`,
            type: 'team',
            cluster: node.cluster,
            namespace: node.namespace,
            name: nameOf(node.owner),
            owner: node.owner,
          };
        }
        return undefined;
      }),
      healthOf,
    );
    // Keep the team's nodes and whatever they talk to directly.
    const teamIds = new Set(
      collapsed.nodes.filter(n => n.type === 'entity').map(n => n.id),
    );
    const edges = collapsed.edges.filter(
      e => teamIds.has(e.source) || teamIds.has(e.target),
    );
    const kept = new Set([
      ...teamIds,
      ...edges.flatMap(e => [e.source, e.target]),
    ]);
    return {
      groupRef,
      ...(scope.withheld ? { withheldMembers: scope.withheld } : {}),
      groups,
      windowSeconds: graph.windowSeconds,
      timestamp: graph.timestamp,
      components: finish(this.entityRows(ours, mesh, healthOf)),
      graph: {
        ...collapsed,
        nodes: collapsed.nodes
          .filter(n => kept.has(n.id))
          .map(n => (teamIds.has(n.id) ? { ...n, isFocus: true } : n)),
        edges,
        errors: [],
      },
      errors: uniqueErrors([...scope.errors, ...graph.errors]),
    };
  }

  async getOverview(request: RollupRequest): Promise<MeshOverviewResponse> {
    const [mesh, scope] = await Promise.all([
      this.options.graph.buildMeshGraph({
        ...request,
        graphType: 'workload',
      }),
      this.options.scope.members(request.credentials, undefined),
    ]);
    // The members are the caller's whole view, which the mesh answer's key holds.
    const overviewOf = (answer: MeshAnswer) =>
      finishInSlices(this.overviewOf(answer, scope.withheld));
    mesh.again?.derive('overview', overviewOf);
    const overview = await mesh.reuse('overview', () => overviewOf(mesh));
    const { timestamp, telemetry } = mesh.graph;
    return {
      ...overview,
      timestamp,
      graph: { ...overview.graph, timestamp, ...(telemetry && { telemetry }) },
    };
  }

  /** Computed once per snapshot and view (./sharedAnswers), a slice at a time (../graph/slicedWork). */
  private *overviewOf(
    mesh: MeshAnswer,
    withheld: number,
  ): SlicedWork<MeshOverviewResponse> {
    const { graph, entities, entityInfo, inventory } = mesh;
    const healthOf = this.entityHealthOf(mesh);
    const rows = yield* this.entityRows(entities, mesh, healthOf);
    yield;
    const collapsed: MeshGraph = withEntityHealth(
      yield* collapseGraphOf(graph, node =>
        node.entityRef
          ? entityNode(node.entityRef, node, entityInfo.get(node.entityRef))
          : undefined,
      ),
      healthOf,
    );
    return {
      ...(withheld ? { withheldMembers: withheld } : {}),
      windowSeconds: graph.windowSeconds,
      timestamp: graph.timestamp,
      summary: summarize(graph, rows.length, inventory.workloads),
      entities: rows,
      graph: { ...collapsed, errors: [] },
      errors: graph.errors,
    };
  }

  /** One row per entity (the overview's and the team's), each over its own part of the graph. */
  private *entityRows(
    entities: Entity[],
    mesh: MeshAnswer,
    healthOf: (ref: string) => MeshHealth,
  ) {
    const partOf = entityParts(mesh.graph);
    yield;
    return yield* mapSliced(entities, e => {
      const ref = stringifyEntityRef(e);
      return entityTraffic(
        e,
        this.workloadsOf(e, mesh.inventory.workloads),
        partOf(ref),
        mesh.entityInfo.get(ref),
        healthOf(ref).status,
      );
    });
  }

  /** Each entity's health (as on its Health tab), by ref, computed once per request. */
  private entityHealthOf(mesh: MeshAnswer): (ref: string) => MeshHealth {
    const byRef = new Map(
      mesh.entities.map(e => [stringifyEntityRef(e), e] as const),
    );
    const cache = new Map<string, MeshHealth>();
    return ref => {
      let health = cache.get(ref);
      if (!health) {
        const entity = byRef.get(ref);
        health = entity
          ? entityHealth(
              this.workloadsOf(entity, mesh.inventory.workloads),
              mesh.inventory.services,
              mesh.objectHealth,
            ).health
          : { status: 'no-data', reasons: [] };
        cache.set(ref, health);
      }
      return health;
    };
  }

  private workloadsOf(entity: Entity, workloads: Workload[]): Workload[] {
    const selector = entityWorkloadSelector(
      entity,
      this.options.graph.nameMapping,
    );
    if (!('ok' in selector)) return [];
    // Kept while the inventory's workload list is the same object (it is replaced when a cluster
    // changes): the overview selects every entity's workloads, 25 million label matches at 5,000
    // entities and workloads, and would otherwise do so on every request.
    let bySelector = this.selected.get(workloads);
    if (!bySelector) this.selected.set(workloads, (bySelector = new Map()));
    const key = JSON.stringify(selector.ok);
    let found = bySelector.get(key);
    if (!found)
      bySelector.set(key, (found = selectWorkloads(selector.ok, workloads)));
    return found;
  }

  private readonly selected = new WeakMap<
    Workload[],
    Map<string, Workload[]>
  >();
}

/** Entity nodes carry the entity's health, not a merge of their parts' node colours. */
function withEntityHealth(
  graph: MeshGraph,
  healthOf: (ref: string) => MeshHealth,
): MeshGraph {
  return {
    ...graph,
    nodes: graph.nodes.map(n =>
      n.type === 'entity' && n.entityRef
        ? { ...n, health: healthOf(n.entityRef) }
        : n,
    ),
  };
}

function summarize(
  graph: MeshGraph,
  entities: number,
  workloads: Workload[],
): MeshOverviewResponse['summary'] {
  const l7 = graph.edges.filter(e => e.protocol !== 'tcp');
  const tcp = graph.edges.filter(
    e => e.protocol === 'tcp' && e.mtls !== undefined,
  );
  const rps = l7.reduce((a, e) => a + e.rps, 0);
  const share = (
    edges: typeof l7,
    weight: (e: (typeof l7)[number]) => number,
    value: (e: (typeof l7)[number]) => number,
  ) => {
    const total = edges.reduce((a, e) => a + weight(e), 0);
    return total > 0
      ? Math.round(
          (edges.reduce((a, e) => a + weight(e) * value(e), 0) / total) * 1e4,
        ) / 1e4
      : null;
  };
  return {
    entities,
    workloads: workloads.length,
    meshedWorkloads: workloads.filter(w => w.dataplane !== 'none').length,
    rps: Math.round(rps * 1000) / 1000,
    errorRate: share(
      l7,
      e => e.rps,
      e => e.errorRate,
    ),
    mtlsRequests: share(
      l7.filter(e => e.mtls !== undefined),
      e => e.rps,
      e => e.mtls!,
    ),
    mtlsTcp: share(
      tcp,
      e => e.bytesPerSecond ?? 0,
      e => e.mtls!,
    ),
  };
}
