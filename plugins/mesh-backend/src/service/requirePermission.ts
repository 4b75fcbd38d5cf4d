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

/** Anything but ALLOW for the entity is a 403 (model: kubernetes-backend's requirePermission). */
export async function requireEntityPermission(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  resourceRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef }],
    { credentials },
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
  const [decision] = await permissions.authorize(
    [{ permission: meshOverviewReadPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError('Not allowed to read the mesh overview');
}
