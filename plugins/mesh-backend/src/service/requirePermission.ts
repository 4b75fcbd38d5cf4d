import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';

/** Anything but ALLOW for the entity is a 403 (model: kubernetes-backend's requirePermission). */
export async function requireEntityPermission(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  resourceRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission, resourceRef }], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed to read mesh data of ${resourceRef}`);
  }
}
