/*
 * Sends permission decisions so that a request the permission service refuses as too large never
 * fails a view (issue 15). How many decisions fit in one request is not ours to know: with a
 * conditional policy the permission backend forwards every conditional item of one request to the
 * resource's plugin (the catalog's `/.well-known/backstage/permissions/apply-conditions`) in ONE
 * request, each item carrying the policy's conditions, whose size depends on the adopter's policy
 * and on the user's claims (an `isEntityOwner` condition lists every group of the user). That
 * endpoint, like the permission backend itself, refuses a body over 100 kB with 413.
 *
 * A refused batch is split in halves and each half sent again, down to one decision, which then
 * fails for real. The size that was accepted is kept (per process, shared by all callers: it is
 * a number, no caller's data), so later batches start there instead of being refused first.
 * Any other failure (5xx, network) fails the whole batch, as before: callers fail closed.
 */
import {
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
} from '@backstage/plugin-permission-common';

/** How many decisions one request to the permission service may carry, as learnt from refusals. */
export class DecisionBatchLimit {
  private size = Infinity;

  get current(): number {
    return this.size;
  }

  /** A batch of `size` decisions was refused as too large: from now on, at most half of it. */
  refused(size: number): void {
    this.size = Math.min(this.size, Math.max(1, Math.ceil(size / 2)));
  }
}

/** `items` cut into consecutive batches of at most `size`. */
export function inBatches<T>(items: T[], size: number): T[][] {
  if (items.length <= size) return [items];
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    batches.push(items.slice(i, i + size));
  return batches;
}

/** The decisions, in the order asked, sent in batches the permission service accepts. */
export async function sendDecisions(
  permissions: PermissionsService,
  requests: AuthorizePermissionRequest[],
  options: PermissionsServiceRequestOptions,
  limit: DecisionBatchLimit,
): Promise<AuthorizePermissionResponse[]> {
  const answers = await Promise.all(
    inBatches(requests, limit.current).map(batch =>
      sendBatch(permissions, batch, options, limit),
    ),
  );
  return answers.flat();
}

async function sendBatch(
  permissions: PermissionsService,
  batch: AuthorizePermissionRequest[],
  options: PermissionsServiceRequestOptions,
  limit: DecisionBatchLimit,
): Promise<AuthorizePermissionResponse[]> {
  let decisions: AuthorizePermissionResponse[];
  try {
    decisions = await permissions.authorize(batch, options);
  } catch (error) {
    if (batch.length < 2 || !isTooLarge(error)) throw error;
    limit.refused(batch.length);
    const half = Math.ceil(batch.length / 2);
    const halves = await Promise.all(
      [batch.slice(0, half), batch.slice(half)].map(part =>
        sendDecisions(permissions, part, options, limit),
      ),
    );
    return halves.flat();
  }
  // Answers are matched to requests by position: a short answer must not shift the next batch's.
  if (decisions.length !== batch.length)
    throw new Error(
      `The permission service answered ${decisions.length} decisions for ${batch.length}`,
    );
  return decisions;
}

/**
 * The permission service refused the request as too large (413): its own body limit, or the
 * apply-conditions request it made for us, rethrown (@backstage/errors ResponseError).
 */
function isTooLarge(error: any): boolean {
  return (
    error?.name === 'ResponseError' &&
    (error.statusCode === 413 || error.response?.status === 413)
  );
}
