export { EntityTeamMeshContent } from './EntityTeamMeshContent';
