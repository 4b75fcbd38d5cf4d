import { createRouteRef } from '@backstage/core-plugin-api';

/** Mount point of the legacy `EntityMeshContent` extension (an entity page tab). */
export const rootRouteRef = createRouteRef({ id: 'mesh' });
