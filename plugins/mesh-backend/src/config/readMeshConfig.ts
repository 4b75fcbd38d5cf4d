/*
 * The single place the mesh backend reads configuration. Readable errors, explicit defaults.
 */
import { Config } from '@backstage/config';
import { DEFAULT_HEALTH_TOLERANCES, MeshHealthTolerance } from '@internal/plugin-mesh-common';

export interface MeshConfig {
  demo: { enabled: boolean };
  tolerances: MeshHealthTolerance[];
}

export function readMeshConfig(config: Config): MeshConfig {
  const mesh = config.getOptionalConfig('mesh');
  const hasClusters =
    (config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []).length > 0;
  const demoEnabled = mesh?.getOptionalBoolean('demo.enabled') ?? !hasClusters;
  const custom = (mesh?.getOptionalConfigArray('health.tolerances') ?? []).map((t, i) => {
    const tolerance: MeshHealthTolerance = {
      code: t.getString('code'),
      protocol: t.getOptionalString('protocol') ?? 'http|grpc',
      direction: t.getOptionalString('direction') ?? '.*',
      degraded: t.getNumber('degraded'),
      failure: t.getNumber('failure'),
    };
    for (const field of ['code', 'protocol', 'direction'] as const) {
      try {
        new RegExp(tolerance[field]);
      } catch {
        throw new Error(`mesh.health.tolerances[${i}].${field} is not a valid regular expression`);
      }
    }
    return tolerance;
  });
  return { demo: { enabled: demoEnabled }, tolerances: [...custom, ...DEFAULT_HEALTH_TOLERANCES] };
}
