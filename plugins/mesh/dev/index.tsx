import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import meshPlugin from '../src/alpha';
import { meshApiRef } from '../src/api';
import { reviewsEntity } from '../src/__fixtures__/bookinfo';
import { fixtureMeshApi } from '../src/__fixtures__/demo/fixtureMeshApi';

/*
 * Serves the mesh views on their own (`npm start` in this folder), without a catalog or a mesh
 * backend: an entity page for the fixture entity at `/`, the overview at `/mesh`, and the mesh
 * API replaced by one that answers with recorded demo data. Remove `fixtureData` to talk to a
 * running backend instead.
 */
const fixtureData = createFrontendModule({
  pluginId: 'mesh',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: meshApiRef,
          deps: {},
          factory: () => fixtureMeshApi,
        }),
    }),
    createTestEntityPage({ entity: reviewsEntity }),
  ],
});

createDevApp({ features: [meshPlugin, fixtureData] });
