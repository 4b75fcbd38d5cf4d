import { MeshApi } from '../../api';
import { bookinfoGraph } from '../bookinfo';
import { demo, productpageDependencies } from '.';

/**
 * A MeshApi that answers from the recorded demo data (dev app without a backend). Timestamps are
 * moved to now so that the UI shows fresh data.
 */
export const fixtureMeshApi: MeshApi = {
  getEntityGraph: async () => ({
    ...bookinfoGraph,
    timestamp: new Date().toISOString(),
  }),
  getEntitySeries: async () => demo.reviewsV2Series,
  getEntityHealth: async () => ({
    ...demo.productpageHealth,
    timestamp: new Date().toISOString(),
  }),
  getEntitySecurity: async () => demo.productpageSecurity,
  getEntityConfig: async () => demo.reviewsConfig,
  getEntityWorkloads: async () => demo.reviewsWorkloads,
  getEntityTraces: async () => demo.productpageTraces,
  getEntityTrace: async () => demo.productpageTrace,
  getEntityDependencies: async () => productpageDependencies,
  getCatalogDependencies: async () => productpageDependencies,
  getEntityPosture: async () => demo.bookinfoTeamPosture,
  getTeam: async () => demo.bookinfoTeam,
  getOverview: async () => demo.overview,
  getCatalogPosture: async () => demo.catalogPosture,
  getInsights: async () => demo.insights,
  getMeshConfig: async () => demo.meshConfig,
};
