/*
 * Declared vs observed dependencies of a Component, or of every Component of a System or Group:
 * the catalog's relations against the mesh's traffic over a long window (default 7 days, read
 * without latency histograms to keep it cheap), with "last seen" from a recent 5-minute read.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MeshDependenciesResponse,
  MeshDependency,
  MeshGraph,
  MeshUnknownPeer,
} from '@mesh-portal/plugin-mesh-common';
import { DependenciesConfig } from '../config/dependenciesConfig';
import { CatalogDependencies } from '../dependencies/declaredDependencies';
import { compareDependencies } from '../dependencies/compareDependencies';
import { dependencyGraph } from '../dependencies/dependencyGraph';
import { observedFor } from '../dependencies/observedDependencies';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { selectWorkloads } from '../mapping/mapEntity';
import { ScopeResolver } from '../scope/ScopeResolver';
import { withTimeout } from '../scope/withTimeout';
import { MeshGraphService } from './MeshGraphService';
import { toSourceError, uniqueErrors } from './sourceErrors';

const RECENT_SECONDS = 300;
const CATALOG_FIELDS = [
  'kind',
  'metadata',
  'spec.dependsOn',
  'spec.dependencyOf',
  'spec.consumesApis',
  'spec.providesApis',
  'spec.lifecycle',
  'spec.owner',
  'relations',
];

export class MeshDependenciesService {
  constructor(
    private readonly options: {
      graph: MeshGraphService;
      scope: ScopeResolver;
      config: DependenciesConfig;
    },
  ) {}

  /** Window used when a request names none (config `mesh.dependencies.window`, default 7d). */
  get defaultWindow(): string {
    return this.options.config.window;
  }

  /** For a Component, its own; for a System or Group, its Components'; without an entity, the whole catalog's. */
  async getDependencies(
    entity: Entity | undefined,
    request: {
      windowSeconds: number;
      credentials: BackstageCredentials;
      time?: Date;
      floorRps?: number;
    },
  ): Promise<MeshDependenciesResponse> {
    const { credentials } = request;
    const time = request.time ?? new Date();
    const entityRef = entity ? stringifyEntityRef(entity) : 'catalog';
    const floorRps = request.floorRps ?? this.options.config.floorRps;
    const nameMapping = this.options.graph.nameMapping;
    const read = (windowSeconds: number) =>
      this.options.graph.buildMeshGraph({
        windowSeconds,
        time,
        credentials,
        graphType: 'workload',
        withoutLatency: true,
      });
    const [window, recent, scope, catalogEntities] = await Promise.all([
      read(request.windowSeconds),
      request.windowSeconds > RECENT_SECONDS ? read(RECENT_SECONDS) : undefined,
      this.options.scope.members(credentials, entity),
      this.catalogEntities(credentials),
    ]);
    const subjects = scope.members.filter(
      e => !!entity || e.kind.toLowerCase() === 'component',
    );
    const errors = [
      ...window.graph.errors,
      ...(recent?.graph.errors ?? []),
      ...scope.errors,
      ...catalogEntities.errors,
    ];
    const catalog = new CatalogDependencies(catalogEntities.items);
    // Silence is only meaningful where the mesh could attribute traffic: entities with at least one
    // workload in the mesh (plain-text clients outside it show up as `unknown`, not as themselves).
    const observable = new Set(
      window.entities
        .filter(e => {
          const selector = entityWorkloadSelector(e, nameMapping);
          return (
            'ok' in selector &&
            selectWorkloads(selector.ok, window.inventory.workloads).some(
              w => w.dataplane !== 'none',
            )
          );
        })
        .map(e => stringifyEntityRef(e)),
    );
    const recentGraph: MeshGraph = (recent ?? window).graph;

    const dependencies: MeshDependency[] = [];
    const unknownPeers: MeshUnknownPeer[] = [];
    for (const subject of subjects.map(e => stringifyEntityRef(e))) {
      const result = compareDependencies({
        subject,
        declared: catalog.declaredFor(subject),
        observed: observedFor(subject, window.graph),
        recent: observedFor(subject, recentGraph),
        recentTime: recentGraph.timestamp,
        catalog,
        observable,
        floorRps,
      });
      dependencies.push(...result.dependencies);
      unknownPeers.push(...result.unknownPeers);
    }
    // Counted per caller → callee pair, so a pair inside a System or Group counts once.
    const pairs = (drift: string) =>
      new Set(
        dependencies
          .filter(d => d.drift === drift)
          .map(d =>
            d.direction === 'outbound'
              ? `${d.subject}>${d.entityRef}`
              : `${d.entityRef}>${d.subject}`,
          ),
      ).size;
    return {
      entityRef,
      ...(scope.withheld ? { withheldMembers: scope.withheld } : {}),
      windowSeconds: request.windowSeconds,
      timestamp: window.graph.timestamp,
      floorRps,
      dependencies,
      unknownPeers,
      drift: {
        undeclared: pairs('undeclared'),
        silent: pairs('silent'),
        unknownPeers: new Set(unknownPeers.map(p => p.nodeId)).size,
        deprecated: new Set(
          dependencies.filter(d => d.deprecated).map(d => d.entityRef),
        ).size,
      },
      graph: dependencyGraph(
        window.graph,
        new Set(subjects.map(e => stringifyEntityRef(e))),
        dependencies,
        window.entityInfo,
      ),
      errors: uniqueErrors(errors),
    };
  }

  private async catalogEntities(credentials: BackstageCredentials) {
    try {
      const [{ items }, view] = await Promise.all([
        withTimeout(
          this.options.scope.catalog.getEntities(
            {
              filter: { kind: ['Component', 'API', 'Resource', 'System'] },
              fields: CATALOG_FIELDS,
            },
            { credentials },
          ),
          'The catalog',
        ),
        this.options.scope.callerView(credentials),
      ]);
      // Entities whose mesh data the caller may not read are not named as dependencies either.
      const withheld = new Set(view.withheld.map(e => stringifyEntityRef(e)));
      return {
        items: items.filter(e => !withheld.has(stringifyEntityRef(e))),
        errors: [],
      };
    } catch (error) {
      return {
        items: [] as Entity[],
        errors: [toSourceError(error, 'catalog')],
      };
    }
  }
}
