/*
 * Snapshot clusters: a dump of manifests served as a read-only cluster (offline analysis of a
 * customer's cluster, demos, tests). A dump is read once, on first use, and kept; an unreadable
 * dump yields a typed error for that cluster, an unparsable file a warning-level error beside the
 * objects of the rest.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { SnapshotClusterConfig } from '../../config/clusterConfig';
import { ClusterObjects, emptyClusterObjects } from '../../kube/types';
import { ClusterInfo, ClusterInventorySource, SourceResult } from '../types';
import { unknownCluster } from '../unknownCluster';
import { loadSnapshot } from './loadSnapshot';

export class SnapshotInventorySource implements ClusterInventorySource {
  private readonly loaded = new Map<string, SourceResult<ClusterObjects>>();

  constructor(
    private readonly clusters: SnapshotClusterConfig[],
    private readonly logger: LoggerService,
  ) {}

  listClusters(): ClusterInfo[] {
    return this.clusters.map(c => ({
      name: c.name,
      istioClusterId: c.istioClusterId,
      kind: 'snapshot',
    }));
  }

  async getClusterObjects(
    cluster: string,
  ): Promise<SourceResult<ClusterObjects>> {
    const config = this.clusters.find(c => c.name === cluster);
    if (!config) return unknownCluster(cluster, 'snapshot');
    let result = this.loaded.get(cluster);
    if (!result) {
      result = this.load(config);
      this.loaded.set(cluster, result);
    }
    return result;
  }

  private load(config: SnapshotClusterConfig): SourceResult<ClusterObjects> {
    const error = (
      errorType: MeshSourceError['errorType'],
      message: string,
    ): MeshSourceError => ({
      source: 'inventory',
      errorType,
      cluster: config.name,
      message: `Snapshot cluster '${config.name}': ${message}`,
    });
    try {
      const snapshot = loadSnapshot(config);
      const objectCount = Object.values(snapshot.objects).reduce(
        (n, v) => n + (Array.isArray(v) ? v.length : 0),
        0,
      );
      this.logger.info(
        `mesh: snapshot cluster '${config.name}': ${objectCount} objects from ${snapshot.files} files`,
      );
      const errors = snapshot.problems.map(p =>
        error('BAD_RESPONSE', `cannot parse ${p}`),
      );
      if (snapshot.files === 0)
        errors.push(
          error(
            'NOT_FOUND',
            `no .yaml, .yml or .json file under ${config.path}`,
          ),
        );
      return { value: snapshot.objects, errors };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT'
          ? `${config.path} does not exist`
          : `cannot read ${config.path} (${code ?? (e as Error).message})`;
      this.logger.warn(`mesh: ${message}`);
      return {
        value: emptyClusterObjects(),
        errors: [
          error(code === 'ENOENT' ? 'NOT_FOUND' : 'SYSTEM_ERROR', message),
        ],
      };
    }
  }
}
