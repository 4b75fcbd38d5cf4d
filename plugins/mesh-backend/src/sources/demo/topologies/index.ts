import { DemoMeshModel } from '../model';
import { bookinfo } from './bookinfo';
import { onlineBoutique } from './onlineBoutique';
import { platformObjects } from './platform';
import { sockShop } from './sockShop';

/** The demo cluster: Bookinfo (sidecar, STRICT), Sock Shop (ambient), Online Boutique (sidecar, PERMISSIVE). */
export const demoMeshModel: DemoMeshModel = {
  clusterName: 'demo',
  istioClusterId: 'demo',
  apps: [bookinfo, sockShop, onlineBoutique],
  platform: platformObjects,
};
