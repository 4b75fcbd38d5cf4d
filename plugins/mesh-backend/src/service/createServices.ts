/* Builds the services the routes delegate to, from config and the chosen data sources. */
import { CatalogService } from '@backstage/plugin-catalog-node';
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
  security: MeshSecurityService;
  posture: MeshPostureService;
  traces: MeshTracesService;
}

export function createServices(options: { config: MeshConfig; sources: MeshSources; catalog: CatalogService }): MeshServices {
  const { config, sources, catalog } = options;
  const graph = new MeshGraphService({ sources, catalog, health: config.health });
  return {
    sources,
    graph,
    health: new MeshHealthService({ graph, health: config.health }),
    series: new MeshSeriesService({ graph, sources }),
    rollup: new MeshRollupService({ graph, catalog }),
    dependencies: new MeshDependenciesService({ graph, catalog, config: config.dependencies }),
    workloads: new MeshWorkloadsService({ sources }),
    traces: new MeshTracesService({ sources }),
    ...securityServices({ config, sources, catalog, graph }),
  };
}

/** Validation, security and posture services (issue 7). */
function securityServices(options: { config: MeshConfig; sources: MeshSources; catalog: CatalogService; graph: MeshGraphService }) {
  const { config, sources, catalog, graph } = options;
  const validation = new MeshValidationService({ sources, ignoredCodes: config.validations.ignore });
  return {
    validation,
    security: new MeshSecurityService({ sources, validation, graph }),
    posture: new MeshPostureService({ sources, catalog, validation }),
  };
}
