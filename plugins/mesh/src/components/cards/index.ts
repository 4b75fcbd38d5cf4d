export { EntityMeshHealthCard } from './EntityMeshHealthCard';
export { EntityMeshMtlsCard } from './EntityMeshMtlsCard';
export { EntityMeshGraphCard } from './EntityMeshGraphCard';
