export { meshApiRef } from './MeshApi';
export type { MeshApi, MeshSeriesTarget, MeshWindowQuery } from './MeshApi';
export { MeshClient } from './MeshClient';
