/*
 * Chooses the data sources from config. Today that is the embedded demo; live Kubernetes and
 * Prometheus sources plug in here behind the same interfaces.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { emptyClusterObjects } from '../kube/types';
import { MeshConfig } from '../config';
import { DemoInventorySource } from './demo/DemoInventorySource';
import { DemoMesh } from './demo/DemoMesh';
import { DemoTelemetrySource } from './demo/DemoTelemetrySource';
import { MeshSources } from './types';

export function createSources(config: MeshConfig, logger: LoggerService): MeshSources {
  if (config.demo.enabled) {
    const mesh = new DemoMesh();
    for (const warning of mesh.warnings) logger.warn(`demo mesh config: ${warning}`);
    logger.info(
      `Serving the embedded demo mesh: ${mesh.workloads.length} workloads, ${mesh.series.length} metric series`,
    );
    const telemetry = new DemoTelemetrySource(mesh);
    return {
      inventory: new DemoInventorySource(mesh),
      telemetryFor: cluster => (cluster === mesh.model.clusterName ? telemetry : undefined),
      tracesFor: () => undefined,
    };
  }
  logger.warn('mesh: the demo is disabled and live cluster sources are not available in this version');
  return {
    inventory: { listClusters: () => [], getClusterObjects: async () => ({ value: emptyClusterObjects(), errors: [] }) },
    telemetryFor: () => undefined,
    tracesFor: () => undefined,
  };
}
