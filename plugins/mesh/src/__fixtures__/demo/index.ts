/*
 * Answers of the mesh backend on the embedded demo mesh, recorded from the running demo
 * (`GET /api/mesh/…`, Bookinfo and the catalog-wide routes), plus the dependency drift answers
 * written from the demo catalog. Test and dev-app data only.
 */
import {
  MeshConfigResponse,
  MeshEntityConfigResponse,
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
  MeshEntitySecurityResponse,
  MeshEntityTraceResponse,
  MeshEntityTracesResponse,
  MeshEntityWorkloadsResponse,
  MeshInsightsResponse,
  MeshOverviewResponse,
  MeshPostureResponse,
  MeshSeriesResponse,
  MeshTeamResponse,
} from '@mesh-portal/plugin-mesh-common';
import bookinfoTeam from './bookinfo-team.json';
import bookinfoTeamPosture from './bookinfo-team-posture.json';
import catalogPosture from './catalog-posture.json';
import insights from './insights.json';
import meshConfig from './mesh-config.json';
import overview from './overview.json';
import productpageGraph from './productpage-graph.json';
import productpageHealth from './productpage-health.json';
import productpageSecurity from './productpage-security.json';
import productpageTrace from './productpage-trace.json';
import productpageTraces from './productpage-traces.json';
import reviewsConfig from './reviews-config.json';
import reviewsV2Series from './reviews-v2-series.json';
import reviewsWorkloads from './reviews-workloads.json';

export {
  checkoutserviceDependencies,
  productpageDependencies,
} from './dependencies';

// JSON imports are typed by their content; the casts state that they are wire answers.
export const demo = {
  productpageGraph: productpageGraph as unknown as MeshEntityGraphResponse,
  productpageHealth: productpageHealth as unknown as MeshEntityHealthResponse,
  productpageSecurity:
    productpageSecurity as unknown as MeshEntitySecurityResponse,
  productpageTraces: productpageTraces as unknown as MeshEntityTracesResponse,
  productpageTrace: productpageTrace as unknown as MeshEntityTraceResponse,
  reviewsConfig: reviewsConfig as unknown as MeshEntityConfigResponse,
  reviewsWorkloads: reviewsWorkloads as unknown as MeshEntityWorkloadsResponse,
  reviewsV2Series: reviewsV2Series as unknown as MeshSeriesResponse,
  bookinfoTeam: bookinfoTeam as unknown as MeshTeamResponse,
  bookinfoTeamPosture: bookinfoTeamPosture as unknown as MeshPostureResponse,
  overview: overview as unknown as MeshOverviewResponse,
  catalogPosture: catalogPosture as unknown as MeshPostureResponse,
  meshConfig: meshConfig as unknown as MeshConfigResponse,
  insights: insights as unknown as MeshInsightsResponse,
};
