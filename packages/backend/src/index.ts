/*
 * The demo/development backend. It runs the catalog, guest auth, permissions and the mesh plugin.
 * The mesh plugin serves its embedded demo mesh because app-config.yaml says `mesh.demo.enabled`.
 * The MCP actions backend exposes the mesh plugin's actions to AI clients.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: allow all, except the two rules that show the mesh plugin's access model
// (./meshDemoPolicy: paymentservice is readable by its owners only; loadgenerator's mesh data too).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./meshDemoPolicy'));

backend.add(import('@mesh-portal/plugin-mesh-backend'));

// MCP: serves the actions of the plugins in `backend.actions.pluginSources` (app-config.yaml: the
// mesh plugin's) to AI clients at /api/mcp-actions/v1, each call made as the signed-in caller.
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.start();
