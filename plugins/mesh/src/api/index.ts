export { meshApiRef } from './MeshApi';
export type {
  MeshApi,
  MeshConfigQuery,
  MeshSeriesTarget,
  MeshWindowQuery,
} from './MeshApi';
export { MeshClient } from './MeshClient';
