/*
 * Several inventory sources (demo, live clusters, snapshots) presented as one: clusters are listed
 * in source order and each cluster is read from the source that serves it.
 */
import { ClusterObjects } from '../kube/types';
import { ClusterInfo, ClusterInventorySource, SourceResult } from './types';
import { unknownCluster } from './unknownCluster';

export class CompositeInventorySource implements ClusterInventorySource {
  constructor(private readonly sources: ClusterInventorySource[]) {}

  listClusters(): ClusterInfo[] {
    return this.sources.flatMap(s => s.listClusters());
  }

  async getClusterObjects(
    cluster: string,
  ): Promise<SourceResult<ClusterObjects>> {
    const source = this.sources.find(s =>
      s.listClusters().some(c => c.name === cluster),
    );
    return source
      ? source.getClusterObjects(cluster)
      : unknownCluster(cluster, 'configured');
  }
}
