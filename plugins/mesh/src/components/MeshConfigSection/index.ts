export { MeshConfigSection } from './MeshConfigSection';
