/*
 * The permission service as the mesh plugin asks it: each definitive decision (permission and
 * resource, for one caller) goes through ./CallerMemo, so a decision already asked for by the same
 * caller is not asked again while in flight (or for the TTL), and the rest of a request's
 * decisions still travel in one batch, split when the permission service refuses it as too large
 * (../scope/sendDecisions: a decision joined to a refused batch gets its real answer, never the
 * 413). A conditional query (one decision for the caller, ../scope/meshReadDecisions) goes
 * through the memo too, keyed by the caller and the query: identical queries in flight join one
 * call, and a failure is never kept.
 */
import {
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { DecisionBatchLimit, sendDecisions } from '../scope/sendDecisions';
import { callerKey } from './callerKey';
import { CallerMemo } from './CallerMemo';

export class CallerCachedPermissions implements PermissionsService {
  /** One per plugin instance, so per process: how many decisions one request may carry. */
  private readonly batchLimit = new DecisionBatchLimit();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly memo: CallerMemo,
  ) {}

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    const caller = callerKey(options.credentials);
    const missing: AuthorizePermissionRequest[] = [];
    let send!: (batch: Promise<AuthorizePermissionResponse[]>) => void;
    const batch = new Promise<AuthorizePermissionResponse[]>(
      resolve => (send = resolve),
    );
    const decisions = requests.map(request =>
      this.memo.get(
        `${caller}\u0000permission\u0000${JSON.stringify(
          request.permission,
        )}\u0000${'resourceRef' in request ? request.resourceRef ?? '' : ''}`,
        // Runs synchronously up to its await: the batch below holds every decision not known yet.
        async () => {
          const at = missing.push(request) - 1;
          return (await batch)[at];
        },
        options.credentials,
      ),
    );
    if (missing.length > 0)
      send(sendDecisions(this.permissions, missing, options, this.batchLimit));
    return Promise.all(decisions);
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    return this.memo.get(
      `${callerKey(options.credentials)}\u0000conditional\u0000${JSON.stringify(
        requests.map(r => r.permission),
      )}`,
      () => this.permissions.authorizeConditional(requests, options),
      options.credentials,
    );
  }
}
