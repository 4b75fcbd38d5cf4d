import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { meshOverviewReadPermission } from '@mesh-portal/plugin-mesh-common';
import { withTimeout } from '../scope/withTimeout';

/**
 * Anything but ALLOW for the entity is a 403 (model: kubernetes-backend's requirePermission). A
 * permission service that fails or does not answer is a 503 (../scope/withTimeout), never its own
 * status: the decision may have joined another request's batch (../callerCache).
 */
export async function requireEntityPermission(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  resourceRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await withTimeout(
    permissions.authorize([{ permission, resourceRef }], { credentials }),
    'The permission service',
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to read mesh data of ${resourceRef}`,
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
