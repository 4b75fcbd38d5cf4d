import { createRouteRef } from '@backstage/core-plugin-api';

/** Mount point of the legacy `EntityMeshContent` extension (an entity page tab). */
export const rootRouteRef = createRouteRef({ id: 'mesh' });

/** Mount point of the legacy `EntityTeamMeshContent` extension (a Group page tab). */
export const teamRouteRef = createRouteRef({ id: 'mesh-team' });

/** The catalog-wide overview page, `/mesh` (both frontend systems). */
export const meshOverviewRouteRef = createRouteRef({ id: 'mesh-overview' });
