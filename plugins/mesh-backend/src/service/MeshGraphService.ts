/*
 * Orchestrates graphs: read the inventory, read traffic from every telemetry source once (sources
 * shared by several clusters are asked once), link nodes to their owning entities and run the
 * graph pipeline — mesh-wide, or around an entity's workloads. Failures of single sources become
 * `errors` in the response.
 */
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MeshEntityGraphResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { ScopeResolver } from '../scope/ScopeResolver';
import {
  answerOrWholeView,
  mappedEntities,
  mappingDigest,
} from './catalogLinks';
import { answerKey, Reuse } from './sharedAnswers';
import { AnswerRecipes } from './answerRecipes';
import type {
  EntityGraphRequest,
  MeshAnswer,
  MeshGraphRequest,
} from './meshGraphTypes';
import { EntityGraph, entityGraph } from './entityGraph';
import { HealthRules } from '../health/objectHealth';
import { buildGraph, GraphInput } from '../graph/buildGraph';
import {
  focusedGraph,
  wholeGraphOf,
  workloadsNear,
} from '../graph/meshGraphBase';
import { finishInSlices } from '../graph/slicedWork';
import { PerSnapshot } from './perSnapshot';
import { workloadKey } from '../mapping/mapEntity';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { MeshSources, TrafficSnapshot } from '../sources/types';
import { Inventory, readInventory, serviceEntriesOf } from './readInventory';
import { readTraffic } from './readTraffic';

export type {
  EntityGraphRequest,
  MeshAnswer,
  MeshGraphRequest,
} from './meshGraphTypes';

export class MeshGraphService {
  /** What is computed once per traffic snapshot: object health, graph bases. */
  private readonly perSnapshot: PerSnapshot;
  private readonly recipes = new AnswerRecipes<MeshAnswer>();

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
  buildEntityGraph(request: EntityGraphRequest): Promise<EntityGraph> {
    return entityGraph(this, request);
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
    if (previous) await this.recipes.prepare(next, previous);
  }

  get sources(): MeshSources {
    return this.options.sources;
  }

  /**
   * The mesh-wide graph (or, with `focus`, a neighbourhood of it) with nodes linked to the catalog
   * entities the caller can see, and the catalog entities used for that.
   */
  async buildMeshGraph(request: MeshGraphRequest): Promise<MeshAnswer> {
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
    const linked = (i: GraphInput) => ({
      ...i,
      owners: catalog.owners,
      entities: catalog.info,
    });
    const model = traffic.freshness?.state === 'model';
    // Whole-mesh answers of the current time are shared by callers who see the same.
    const shared = !requested && !request.time && fullView?.digest;
    const key =
      (shared &&
        answerKey(request, {
          clusters,
          digest: `${shared}/${mappingDigest(catalog, inventory)}`,
          inventory: this.perSnapshot.answerInventoryId(inventory),
          errors,
        })) ||
      undefined;
    const reuse = this.perSnapshot.reuse(traffic.snapshot, key);
    // Nodes of workloads whose entity the caller may not read are anonymised (access/redactGraph).
    const whole = (i: GraphInput, reused: Reuse, fromModel: boolean) =>
      reused('graph', async () =>
        this.scope.redact(
          fromModel
            ? await finishInSlices(
                wholeGraphOf(
                  await this.perSnapshot.graphBase(i, inventory),
                  linked(i),
                ),
              )
            : buildGraph(linked(i)),
          catalog.scope,
          inventory,
        ),
      );
    const redacted = focus
      ? this.scope.redact(
          focusedGraph(await base(), {
            ...linked(input),
            focus: {
              workloads: new Set(focus.workloads.map(workloadKey)),
              hops: focus.hops,
            },
          }),
          catalog.scope,
          inventory,
        )
      : await whole(input, reuse, model);
    const answer: MeshAnswer = {
      reuse,
      graph: {
        ...redacted,
        timestamp: time.toISOString(),
        ...(traffic.freshness ? { telemetry: traffic.freshness } : {}),
      },
      inventory,
      entities: catalog.entities,
      entityInfo: catalog.info,
      focusWorkloads: focus?.workloads ?? [],
      objectHealth: health,
    };
    if (!key || !model) return answer;
    // The same answer for the model's next snapshot, computed before requests see it.
    const again = this.recipes.recipe(traffic.snapshot, key, async next => {
      const snapshot = next as TrafficSnapshot;
      const { health: nextHealth } = await this.objectHealthOf(
        snapshot,
        inventory,
      );
      const nextTime = new Date();
      const reused = this.perSnapshot.reuse(snapshot, key);
      const graph = await whole(
        {
          ...input,
          time: nextTime,
          traffic: snapshot,
          objectHealth: nextHealth,
        },
        reused,
        true,
      );
      return {
        ...answer,
        graph: { ...graph, timestamp: nextTime.toISOString() },
        objectHealth: nextHealth,
        reuse: reused,
        again: undefined,
      };
    });
    return { ...answer, again };
  }
}
