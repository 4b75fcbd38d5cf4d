/* Builds the services the routes delegate to, from config and the chosen data sources. */
import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScopeResolver } from '../scope/ScopeResolver';
import { ServiceEntities } from '../scope/ServiceEntities';
import { MeshConfig } from '../config/readMeshConfig';
import { MeshSources } from '../sources/types';
import { MeshGraphService } from './MeshGraphService';
import { MeshHealthService } from './MeshHealthService';
import { MeshPostureService } from './MeshPostureService';
import { MeshDependenciesService } from './MeshDependenciesService';
import { MeshRollupService } from './MeshRollupService';
import { MeshSecurityService } from './MeshSecurityService';
import { MeshSeriesService } from './MeshSeriesService';
import { MeshTracesService } from './MeshTracesService';
import { MeshValidationService } from './MeshValidationService';
import { MeshWideConfigService } from './MeshWideConfigService';
import { MeshWorkloadsService } from './MeshWorkloadsService';

export interface MeshServices {
  sources: MeshSources;
  /** What each caller may see (../scope): the one place that decides it. */
  scope: ScopeResolver;
  graph: MeshGraphService;
  health: MeshHealthService;
  series: MeshSeriesService;
  rollup: MeshRollupService;
  dependencies: MeshDependenciesService;
  workloads: MeshWorkloadsService;
  validation: MeshValidationService;
  meshConfig: MeshWideConfigService;
  security: MeshSecurityService;
  posture: MeshPostureService;
  traces: MeshTracesService;
}

export function createServices(options: {
  config: MeshConfig;
  sources: MeshSources;
  catalog: CatalogService;
  /** The plugin's own credentials, to learn which workloads belong to entities a caller may not read (../scope). */
  auth?: AuthService;
  /** For one batched `mesh.entity.read` decision over the entities of each request (../scope). */
  permissions?: PermissionsService;
}): MeshServices {
  const { config, sources, catalog, auth, permissions } = options;
  const scope = new ScopeResolver({
    catalog,
    permissions,
    nameMapping: config.nameMapping,
    serviceEntities:
      auth && new ServiceEntities(catalog, auth, config.nameMapping),
  });
  const graph = new MeshGraphService({
    sources,
    catalog,
    health: config.health,
    nameMapping: config.nameMapping,
    scope,
  });
  // The model's snapshots arrive with their object health and graph bases computed.
  sources.prepareSnapshots?.((next, previous) =>
    graph.prepareSnapshot(next, previous),
  );
  return {
    sources,
    scope,
    graph,
    health: new MeshHealthService({ graph }),
    series: new MeshSeriesService({ graph, sources }),
    rollup: new MeshRollupService({ graph, scope }),
    dependencies: new MeshDependenciesService({
      graph,
      scope,
      config: config.dependencies,
    }),
    workloads: new MeshWorkloadsService({
      sources,
      scope,
      nameMapping: config.nameMapping,
    }),
    traces: new MeshTracesService({
      sources,
      scope,
      nameMapping: config.nameMapping,
    }),
    ...securityServices({ config, sources, scope, graph }),
  };
}

/** Validation, security and posture services (issue 7). */
function securityServices(options: {
  config: MeshConfig;
  sources: MeshSources;
  scope: ScopeResolver;
  graph: MeshGraphService;
}) {
  const { config, sources, scope, graph } = options;
  const validation = new MeshValidationService({
    sources,
    ignoredCodes: config.validations.ignore,
    validation: { gatewayApiClasses: config.validations.gatewayApiClasses },
    nameMapping: config.nameMapping,
    scope,
  });
  return {
    validation,
    meshConfig: new MeshWideConfigService({
      sources,
      validation,
      scope,
    }),
    security: new MeshSecurityService({ sources, validation, graph }),
    posture: new MeshPostureService({
      sources,
      scope,
      validation,
      nameMapping: config.nameMapping,
    }),
  };
}
