import { DemoMeshModel } from '../model';
import { bookinfo } from './bookinfo';
import { onlineBoutique } from './onlineBoutique';
import { platformObjects } from './platform';
import { sockShop } from './sockShop';
import { travels } from './travels';

/** The demo cluster: Bookinfo (sidecar, STRICT), Sock Shop (ambient), Online Boutique (sidecar, PERMISSIVE),
 * Travels (ambient with a waypoint and a Gateway API split). */
export const demoMeshModel: DemoMeshModel = {
  clusterName: 'demo',
  istioClusterId: 'demo',
  apps: [bookinfo, sockShop, onlineBoutique, travels],
  platform: platformObjects,
};
