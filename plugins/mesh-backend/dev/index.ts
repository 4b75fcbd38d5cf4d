/*
 * Standalone development backend for the mesh plugin: the real catalog loading the demo entities,
 * guest auth, and the plugin on its embedded demo mesh.
 *   cd plugins/mesh-backend && npx backstage-cli package start
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('../src'));
backend.start();
