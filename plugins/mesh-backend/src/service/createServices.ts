/* Builds the services the routes delegate to, from config and the chosen data sources. */
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MeshAccess } from '../access/MeshAccess';
import { ServiceEntities } from '../access/ServiceEntities';
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
  /** The plugin's own credentials, to learn which workloads belong to entities a caller may not read (../access). */
  auth?: AuthService;
}): MeshServices {
  const { config, sources, catalog, auth } = options;
  const access = new MeshAccess({
    catalog,
    nameMapping: config.nameMapping,
    serviceEntities:
      auth && new ServiceEntities(catalog, auth, config.nameMapping),
  });
  const graph = new MeshGraphService({
    sources,
    catalog,
    health: config.health,
    nameMapping: config.nameMapping,
    access,
  });
  return {
    sources,
    graph,
    health: new MeshHealthService({ graph }),
    series: new MeshSeriesService({ graph, sources }),
    rollup: new MeshRollupService({ graph, catalog }),
    dependencies: new MeshDependenciesService({
      graph,
      catalog,
      config: config.dependencies,
    }),
    workloads: new MeshWorkloadsService({
      sources,
      nameMapping: config.nameMapping,
    }),
    traces: new MeshTracesService({
      sources,
      nameMapping: config.nameMapping,
      access,
    }),
    ...securityServices({ config, sources, catalog, graph, access }),
  };
}

/** Validation, security and posture services (issue 7). */
function securityServices(options: {
  config: MeshConfig;
  sources: MeshSources;
  catalog: CatalogService;
  graph: MeshGraphService;
  access: MeshAccess;
}) {
  const { config, sources, catalog, graph, access } = options;
  const validation = new MeshValidationService({
    sources,
    ignoredCodes: config.validations.ignore,
    nameMapping: config.nameMapping,
  });
  return {
    validation,
    meshConfig: new MeshWideConfigService({
      sources,
      catalog,
      validation,
      access,
      nameMapping: config.nameMapping,
    }),
    security: new MeshSecurityService({ sources, validation, graph }),
    posture: new MeshPostureService({
      sources,
      catalog,
      validation,
      nameMapping: config.nameMapping,
    }),
  };
}
