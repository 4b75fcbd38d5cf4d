/**
 * Frontend of the mesh plugin: the service mesh of catalog entities — entity tab and cards, a
 * team tab for Groups, and a catalog-wide overview page.
 *
 * This entry point serves apps on the legacy frontend system; apps on the new frontend system
 * install the plugin from `@mesh-portal/plugin-mesh/alpha`. It deliberately has no default export:
 * app package discovery loads the default export of both entry points, and keeping the plugin
 * only in `./alpha` means it is installed exactly once.
 *
 * @packageDocumentation
 */
export {
  meshPlugin,
  EntityMeshContent,
  EntityTeamMeshContent,
  MeshPage,
  EntityMeshHealthCard,
  EntityMeshMtlsCard,
  EntityMeshGraphCard,
} from './plugin';
export {
  hasMeshMapping,
  isMeshAvailable,
  isMeshTeamAvailable,
} from './isMeshAvailable';
export { meshApiRef, MeshClient } from './api';
export type {
  MeshApi,
  MeshConfigQuery,
  MeshSeriesTarget,
  MeshWindowQuery,
} from './api';
export type { EdgeLabelMetric } from './lib/toFlowElements';
export type {
  MeshEntityGraphQuery,
  MeshEntityGraphResponse,
} from '@mesh-portal/plugin-mesh-common';
