export { MeshOverviewPage } from './MeshOverviewPage';
export { MeshOverviewContent } from './MeshOverviewContent';
