/**
 * Frontend of the mesh plugin: service-mesh traffic graphs on catalog entity pages.
 *
 * This entry point serves apps on the legacy frontend system; apps on the new frontend system
 * install the plugin from `@internal/plugin-mesh/alpha`. It deliberately has no default export:
 * app package discovery loads the default export of both entry points, and keeping the plugin
 * only in `./alpha` means it is installed exactly once.
 *
 * @packageDocumentation
 */
export { meshPlugin, EntityMeshContent } from './plugin';
export { isMeshAvailable } from './isMeshAvailable';
export { meshApiRef, MeshClient } from './api';
export type { MeshApi } from './api';
export type { EdgeLabelMetric } from './lib/toFlowElements';
export type {
  MeshEntityGraphQuery,
  MeshEntityGraphResponse,
} from '@internal/plugin-mesh-common';
