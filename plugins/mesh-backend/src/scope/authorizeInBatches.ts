/*
 * One `mesh.entity.read` decision per entity, sent to the permission service in batches: the
 * permission backend parses its body with express' default 100 kB limit, so one request for a
 * catalog of ~700+ entities is refused (413 Payload Too Large) — at 1,000 Components every caller
 * view failed closed and /overview listed nothing. 250 refs keep a request near 40 kB.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

export const AUTHORIZE_BATCH = 250;

/** Whether each resource is allowed, in the order given; throws when any batch fails (fail closed). */
export async function authorizeInBatches(
  permissions: PermissionsService,
  permission: ResourcePermission,
  resourceRefs: string[],
  credentials: BackstageCredentials,
): Promise<boolean[]> {
  const batches: string[][] = [];
  for (let i = 0; i < resourceRefs.length; i += AUTHORIZE_BATCH)
    batches.push(resourceRefs.slice(i, i + AUTHORIZE_BATCH));
  const decisions = await Promise.all(
    batches.map(refs =>
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
