export { EntityMeshContent } from './EntityMeshContent';
