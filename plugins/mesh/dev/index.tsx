import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import meshPlugin from '../src/alpha';
import { meshApiRef } from '../src/api';
import { bookinfoGraph, reviewsEntity } from '../src/__fixtures__/bookinfo';

/*
 * Serves the Mesh tab on its own (`npm start` in this folder), without a catalog or a mesh
 * backend: an entity page for the fixture entity at `/`, and the mesh API replaced by one that
 * answers with the Bookinfo fixture. Remove `fixtureData` to talk to a running backend instead.
 */
const fixtureData = createFrontendModule({
  pluginId: 'mesh',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: meshApiRef,
          deps: {},
          factory: () => ({
            getEntityGraph: async () => ({
              ...bookinfoGraph,
              timestamp: new Date().toISOString(),
            }),
          }),
        }),
    }),
    createTestEntityPage({ entity: reviewsEntity }),
  ],
});

createDevApp({ features: [meshPlugin, fixtureData] });
