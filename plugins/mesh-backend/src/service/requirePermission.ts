import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { meshOverviewReadPermission } from '@mesh-portal/plugin-mesh-common';
import { meshReadDecisions } from '../scope/meshReadDecisions';
import { withTimeout } from '../scope/withTimeout';

/**
 * `mesh.entity.read` for an entity read whole as the caller, decided as every view decides it
 * (../scope/meshReadDecisions: the caller's one conditional decision, applied here for the
 * catalog's built-in rules). Anything but allowed is a 403 (model: kubernetes-backend's
 * requirePermission). A permission service that fails or does not answer is a 503
 * (../scope/withTimeout), never its own status: the decision may have joined another request's
 * batch (../callerCache).
 */
export async function requireEntityPermission(
  permissions: PermissionsService,
  entity: Entity,
  credentials: BackstageCredentials,
): Promise<void> {
  const [allowed] = await withTimeout(
    meshReadDecisions(permissions, [entity], credentials, undefined),
    'The permission service',
  );
  if (!allowed) {
    throw new NotAllowedError(
      `Not allowed to read mesh data of ${stringifyEntityRef(entity)}`,
    );
  }
}

/** The catalog-wide views (overview, catalog posture) need `mesh.overview.read`. */
export async function requireOverviewPermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await withTimeout(
    permissions.authorize([{ permission: meshOverviewReadPermission }], {
      credentials,
    }),
    'The permission service',
  );
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError('Not allowed to read the mesh overview');
}
