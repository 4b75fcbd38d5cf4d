import { emptyClusterObjects, ClusterObjects } from '../kube/types';
import { SourceResult } from './types';

/** The answer of an inventory source asked for a cluster it does not serve. */
export function unknownCluster(
  cluster: string,
  what: string,
): SourceResult<ClusterObjects> {
  return {
    value: emptyClusterObjects(),
    errors: [
      {
        source: 'inventory',
        errorType: 'NOT_FOUND',
        cluster,
        message: `No ${what} cluster is named '${cluster}'`,
      },
    ],
  };
}
