export { MeshGraph } from './MeshGraph';
export type { MeshGraphProps } from './MeshGraph';
export { MeshGraphLegend } from './MeshGraphLegend';
