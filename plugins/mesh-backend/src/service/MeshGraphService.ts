/*
 * Orchestrates graphs: read the inventory, read traffic from every telemetry source once (sources
 * shared by several clusters are asked once), link nodes to their owning entities and run the
 * graph pipeline — mesh-wide, or around an entity's workloads. Failures of single sources become
 * `errors` in the response.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MeshEntityGraphResponse,
  MeshGraph,
  MeshGraphType,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { ScopeResolver } from '../scope/ScopeResolver';
import { answerOrWholeView, mappedEntities } from './catalogLinks';
import { answerKey, Reuse } from './sharedAnswers';
import { HealthRules, ObjectHealth } from '../health/objectHealth';
import { buildGraph, GraphInput } from '../graph/buildGraph';
import {
  focusedGraph,
  wholeGraphOf,
  workloadsNear,
} from '../graph/meshGraphBase';
import { finishInSlices } from '../graph/slicedWork';
import { PerSnapshot } from './perSnapshot';
import { Workload } from '../kube/workloads';
import { workloadKey } from '../mapping/mapEntity';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { MeshSources, TrafficSnapshot } from '../sources/types';
import { EntityInfo } from '../graph/appenders/linkEntities';
import { Inventory, readInventory, serviceEntriesOf } from './readInventory';
import { readTraffic } from './readTraffic';
import { uniqueErrors } from './sourceErrors';
import {
  mapTarget,
  MeshTarget,
  TargetMapping,
  visibleMapping,
} from '../scope/targetMapping';

export interface MeshGraphRequest {
  windowSeconds: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
  /** Skip latency (cheaper for long windows). */
  withoutLatency?: boolean;
  /** Cut the graph to these workloads' neighbourhood (computed from the inventory). */
  focus?: (inventory: Inventory) => { workloads: Workload[]; hops: number };
}

export interface EntityGraphRequest {
  /** The Component, Resource, System or Group, with its members (../scope/targetMapping). */
  target: MeshTarget;
  windowSeconds: number;
  hops: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
}

export class MeshGraphService {
  /** What is computed once per traffic snapshot: object health, graph bases. */
  private readonly perSnapshot: PerSnapshot;

  constructor(
    private readonly options: {
      sources: MeshSources;
      catalog: CatalogService;
      health: HealthRules;
      nameMapping: NameMappingPolicy;
      /** Decides what the caller may see (../scope); a fresh one withholds nothing it is not told. */
      scope?: ScopeResolver;
    },
  ) {
    this.perSnapshot = new PerSnapshot(options.health);
  }

  get scope(): ScopeResolver {
    return (this.options.scope ??= new ScopeResolver({
      catalog: this.options.catalog,
      nameMapping: this.options.nameMapping,
    }));
  }

  get nameMapping(): NameMappingPolicy {
    return this.options.nameMapping;
  }

  async getEntityGraph(
    request: EntityGraphRequest,
  ): Promise<MeshEntityGraphResponse> {
    return (await this.buildEntityGraph(request)).graph;
  }

  /** The entity graph plus the workloads the entity maps to and the Services (for health and other views). */
  async buildEntityGraph(request: EntityGraphRequest): Promise<{
    graph: MeshEntityGraphResponse;
    focusWorkloads: Workload[];
    services: Inventory['services'];
    objectHealth: ObjectHealth;
  }> {
    let mapped: TargetMapping | undefined;
    const {
      graph,
      inventory,
      focusWorkloads,
      objectHealth: health,
    } = await this.buildMeshGraph({
      ...request,
      focus: ({ workloads }) => {
        mapped = mapTarget(request.target, workloads, this.options.nameMapping);
        return { workloads: mapped.workloads, hops: request.hops };
      },
    });
    // The focus holds only workloads the caller may see; so does the mapping it answers with.
    const mapping = visibleMapping(mapped!.mapping, focusWorkloads);
    const response: MeshEntityGraphResponse = {
      ...graph,
      errors: uniqueErrors([...mapped!.errors, ...graph.errors]),
      mapping,
    };
    return {
      graph: response,
      focusWorkloads,
      services: inventory.services,
      objectHealth: health,
    };
  }

  /** Request health of every object of a snapshot (computed once per snapshot), and the cluster naming. */
  objectHealthOf(snapshot: TrafficSnapshot, inventory: Inventory) {
    return this.perSnapshot.objectHealthOf(snapshot, inventory);
  }

  /**
   * Computes what requests of a mesh model's new snapshot will read, before they see it
   * (../sources/types SnapshotPreparer).
   */
  async prepareSnapshot(
    next: TrafficSnapshot,
    previous: TrafficSnapshot | undefined,
  ): Promise<void> {
    const inventory = await readInventory(this.options.sources);
    await this.perSnapshot.prepare(next, previous, inventory);
  }

  get sources(): MeshSources {
    return this.options.sources;
  }

  /**
   * The mesh-wide graph (or, with `focus`, a neighbourhood of it) with nodes linked to the catalog
   * entities the caller can see, and the catalog entities used for that.
   */
  async buildMeshGraph(request: MeshGraphRequest): Promise<{
    graph: MeshGraph;
    inventory: Inventory;
    entities: Entity[];
    entityInfo: Map<string, EntityInfo>;
    focusWorkloads: Workload[];
    /** Request health of every workload, app and Service: what every view's health is made of. */
    objectHealth: ObjectHealth;
    /**
     * Computes what is derived from this mesh-wide answer alone once for every caller who sees the
     * same (see {@link answerKey}); computes every time for a focus or a past time.
     */
    reuse: Reuse;
  }> {
    const time = request.time ?? new Date();
    const errors: MeshSourceError[] = [];
    const inventory = await readInventory(this.options.sources);
    errors.push(...inventory.errors);
    const requested = request.focus?.(inventory);
    // A view with a focus asks the catalog only about the entities its answer touches (once the
    // traffic is known); the others, and a focus the answer cannot decide, read the full view.
    const answers = requested && this.scope.answers;
    const [traffic, fullView] = await Promise.all([
      readTraffic(
        this.options.sources,
        inventory.clusters.map(c => c.name),
        request.windowSeconds,
        time,
        {
          withoutLatency: request.withoutLatency,
        },
      ),
      answers
        ? undefined
        : mappedEntities(
            this.scope,
            this.options.nameMapping,
            request.credentials,
            inventory,
            errors,
          ),
    ]);
    errors.push(...traffic.errors);
    const { clusterName, clusters, health } = await this.objectHealthOf(
      traffic.snapshot,
      inventory,
    );
    // The inventory's list stays the same while no cluster changed, so the graph's Istio
    // indexes are built once per change (../graph/appenders/istioIndex).
    const istioObjects = inventory.istioObjects;
    const input: GraphInput = {
      graphType: request.graphType,
      windowSeconds: request.windowSeconds,
      time,
      traffic: traffic.snapshot,
      workloads: inventory.workloads,
      services: inventory.services,
      serviceEntries: serviceEntriesOf(inventory),
      istioObjects,
      owners: new Map(),
      clusterName,
      health: this.options.health,
      objectHealth: health,
      errors,
    };
    // The mesh-wide part of the pipeline is kept per snapshot and inventory
    // (../graph/meshGraphBase): with a focus, the answer costs what the neighbourhood holds;
    // without one, only the view steps run — for a model's snapshot, which lives until the next
    // refresh; a live read's whole graph is built once and would only push kept bases out.
    const base = () => this.perSnapshot.graphBase(input, inventory);
    // Without a full view, the request has a focus and the answer's entities can be asked for.
    const catalog =
      fullView ??
      (await answerOrWholeView(
        this.scope,
        this.options.nameMapping,
        request.credentials,
        inventory,
        workloadsNear(
          await base(),
          requested!.workloads.map(workloadKey),
          requested!.hops,
        ),
        errors,
      ));
    // The focus never includes a workload the caller may not see (a hidden entity claims it).
    const focus = requested && {
      ...requested,
      workloads: requested.workloads.filter(
        w => !catalog.scope.visibility.isHidden(workloadKey(w)),
      ),
    };
    const linkedInput = {
      ...input,
      owners: catalog.owners,
      entities: catalog.info,
    };
    // Whole-mesh answers of the current time are shared by callers who see the same.
    const shared = !requested && !request.time && fullView?.digest;
    const reuse = this.perSnapshot.reuse(
      traffic.snapshot,
      shared
        ? answerKey(request, {
            clusters,
            digest: shared,
            inventory: this.perSnapshot.inventoryId(inventory),
            errors,
          })
        : undefined,
    );
    // Nodes of workloads whose entity the caller may not read are anonymised (access/redactGraph).
    const redacted = focus
      ? this.scope.redact(
          focusedGraph(await base(), {
            ...linkedInput,
            focus: {
              workloads: new Set(focus.workloads.map(workloadKey)),
              hops: focus.hops,
            },
          }),
          catalog.scope,
          inventory,
        )
      : await reuse('graph', async () =>
          this.scope.redact(
            traffic.freshness?.state === 'model'
              ? await finishInSlices(wholeGraphOf(await base(), linkedInput))
              : buildGraph(linkedInput),
            catalog.scope,
            inventory,
          ),
        );
    const graph: MeshGraph = {
      ...redacted,
      timestamp: time.toISOString(),
      ...(traffic.freshness ? { telemetry: traffic.freshness } : {}),
    };
    return {
      reuse,
      graph,
      inventory,
      entities: catalog.entities,
      entityInfo: catalog.info,
      focusWorkloads: focus?.workloads ?? [],
      objectHealth: health,
    };
  }
}
