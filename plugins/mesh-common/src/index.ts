/**
 * Wire types, permissions and pure shared logic of the mesh plugins (no React, no Node-only code).
 *
 * @packageDocumentation
 */
export * from './types/errors';
export * from './types/graph';
export * from './types/entity';
export * from './types/traces';
export * from './types/api';
export * from './types/workloads';
export * from './types/health';
export * from './types/series';
export * from './types/rollup';
export * from './types/insights';
export * from './types/dependencies';
export * from './types/validation';
export * from './types/security';
export * from './constants';
export * from './window';
export * from './responseFlags';
export * from './health';
export * from './permissions';
