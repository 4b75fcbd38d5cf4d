/*
 * One `mesh.entity.read` decision per entity, asked in batches of AUTHORIZE_BATCH: the permission
 * backend parses its body with express' default 100 kB limit, so one request for a catalog of
 * ~700+ entities is refused (413 Payload Too Large) — at 1,000 Components every caller view failed
 * closed and /overview listed nothing. 100 refs keep a request near 16 kB, and with the demo's
 * conditional policy the permission backend's apply-conditions request to the catalog (every
 * conditional item of one request in one POST, each with the policy's conditions, ~500 bytes)
 * near 50 kB. No fixed size is safe for every policy and user (conditions grow with the user's
 * groups): the plugin's PermissionsService (../callerCache/CallerCachedPermissions) splits a batch
 * the permission service refuses as too large (./sendDecisions).
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { inBatches } from './sendDecisions';

export const AUTHORIZE_BATCH = 100;

/** Whether each resource is allowed, in the order given; throws when any batch fails (fail closed). */
export async function authorizeInBatches(
  permissions: PermissionsService,
  permission: ResourcePermission,
  resourceRefs: string[],
  credentials: BackstageCredentials,
): Promise<boolean[]> {
  const decisions = await Promise.all(
    inBatches(resourceRefs, AUTHORIZE_BATCH).map(refs =>
      permissions.authorize(
        refs.map(resourceRef => ({ permission, resourceRef })),
        { credentials },
      ),
    ),
  );
  return decisions
    .flat()
    .map(decision => decision?.result === AuthorizeResult.ALLOW);
}
