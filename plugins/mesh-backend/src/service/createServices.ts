/* Builds the services the routes delegate to, from config and the chosen data sources. */
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MeshConfig } from '../config/readMeshConfig';
import { MeshSources } from '../sources/types';
import { MeshGraphService } from './MeshGraphService';

export interface MeshServices {
  sources: MeshSources;
  graph: MeshGraphService;
}

export function createServices(options: { config: MeshConfig; sources: MeshSources; catalog: CatalogService }): MeshServices {
  const { config, sources, catalog } = options;
  return {
    sources,
    graph: new MeshGraphService({ sources, catalog, tolerances: config.tolerances }),
  };
}
