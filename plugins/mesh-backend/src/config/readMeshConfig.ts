/*
 * The single place the mesh backend reads configuration. Readable errors, explicit defaults.
 */
import { Config } from '@backstage/config';
import { MeshClusterSettings, readClusterConfig } from './clusterConfig';
import {
  DependenciesConfig,
  readDependenciesConfig,
} from './dependenciesConfig';
import { HealthConfig, readHealthConfig } from './healthConfig';
import { readNameMappingConfig } from './nameMappingConfig';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { readTelemetryConfig, TelemetryConfig } from './telemetryConfig';
import { readTracingConfig, TracingConfig } from './tracingConfig';
import { readValidationConfig, ValidationConfig } from './validationConfig';

export interface MeshConfig {
  /**
   * The embedded demo mesh: only ever on when `mesh.demo.enabled` is true. An adopter whose
   * clusters are not (yet) configured must never be shown the demo's apps as if they were theirs.
   */
  demo: { enabled: boolean };
  /** Health tolerances (./healthConfig). */
  health: HealthConfig;
  /** Live and snapshot clusters (./clusterConfig). */
  clusters: MeshClusterSettings;
  /** Silenced validation codes (./validationConfig). */
  validations: ValidationConfig;
  /** Prometheus-API stores per cluster (./telemetryConfig). */
  telemetry: TelemetryConfig;
  /** Trace backends per cluster (./tracingConfig). */
  tracing: TracingConfig;
  /** Dependency drift window and floor (./dependenciesConfig). */
  dependencies: DependenciesConfig;
  /** Mapping of entities without annotations by name (./nameMappingConfig). */
  nameMapping: NameMappingPolicy;
  /** How long a caller's catalog reads and decisions are reused (../callerCache; 0: only while in flight). */
  callerCache: { ttlMs: number };
}

export function readMeshConfig(config: Config): MeshConfig {
  const mesh = config.getOptionalConfig('mesh');
  const clusters = readClusterConfig(config);
  return {
    demo: { enabled: mesh?.getOptionalBoolean('demo.enabled') ?? false },
    health: readHealthConfig(mesh),
    clusters,
    validations: readValidationConfig(mesh),
    telemetry: readTelemetryConfig(config),
    tracing: readTracingConfig(config),
    dependencies: readDependenciesConfig(mesh),
    nameMapping: readNameMappingConfig(mesh),
    callerCache: { ttlMs: 1000 * readCallerCacheSeconds(mesh) },
  };
}

function readCallerCacheSeconds(mesh: Config | undefined): number {
  const seconds = mesh?.getOptionalNumber('callerCache.ttlSeconds') ?? 0;
  if (!(seconds >= 0 && seconds <= 300))
    throw new Error(
      `mesh.callerCache.ttlSeconds must be between 0 and 300 seconds, got ${seconds}`,
    );
  return seconds;
}
