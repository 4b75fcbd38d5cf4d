/*
 * Chooses the data sources from config. Today that is the embedded demo; live Kubernetes and
 * Prometheus sources plug in here behind the same interfaces.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { emptyClusterObjects } from '../kube/types';
import { MeshConfig } from '../config/readMeshConfig';
import { DemoInventorySource } from './demo/DemoInventorySource';
import { DemoMesh } from './demo/DemoMesh';
import { DemoTelemetrySource } from './demo/DemoTelemetrySource';
import { DemoTraceSource } from './demo/DemoTraceSource';
import { MeshSources } from './types';

export function createSources(config: MeshConfig, logger: LoggerService): MeshSources {
  if (config.demo.enabled) {
    const mesh = new DemoMesh();
    for (const warning of mesh.warnings) logger.warn(`demo mesh config: ${warning}`);
    logger.info(
      `Serving the embedded demo mesh: ${mesh.workloads.length} workloads, ${mesh.series.length} metric series`,
    );
    const telemetry = new DemoTelemetrySource(mesh);
    const traces = new DemoTraceSource(mesh);
    const ours = (cluster: string) => cluster === mesh.model.clusterName;
    return {
      inventory: new DemoInventorySource(mesh),
      telemetryFor: cluster => (ours(cluster) ? telemetry : undefined),
      tracesFor: cluster => (ours(cluster) ? traces : undefined),
    };
  }
  logger.warn('mesh: the demo is disabled and live cluster sources are not available in this version');
  return {
    inventory: { listClusters: () => [], getClusterObjects: async () => ({ value: emptyClusterObjects(), errors: [] }) },
    telemetryFor: () => undefined,
    tracesFor: () => undefined,
  };
}
