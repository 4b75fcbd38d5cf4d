import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { ClusterObjects, emptyClusterObjects } from '../../kube/types';
import { ClusterInfo, ClusterInventorySource, SourceResult } from '../types';
import { DemoMesh } from './DemoMesh';

/** Serves the demo cluster's objects as a cluster inventory. */
export class DemoInventorySource implements ClusterInventorySource {
  constructor(private readonly mesh: DemoMesh) {}

  listClusters(): ClusterInfo[] {
    return [
      {
        name: this.mesh.model.clusterName,
        istioClusterId: this.mesh.model.istioClusterId,
        kind: 'demo',
      },
    ];
  }

  async getClusterObjects(
    cluster: string,
  ): Promise<SourceResult<ClusterObjects>> {
    if (cluster !== this.mesh.model.clusterName) {
      const error: MeshSourceError = {
        source: 'inventory',
        errorType: 'NOT_FOUND',
        cluster,
        message: `The demo mesh has no cluster named '${cluster}'`,
      };
      return { value: emptyClusterObjects(), errors: [error] };
    }
    return { value: this.mesh.objects, errors: [] };
  }
}
