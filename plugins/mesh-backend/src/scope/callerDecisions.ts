/*
 * A caller's two decisions about catalog entities, asked once per request in one conditional query
 * with the caller's credentials: `catalog.entity.read` (what the catalog lets the caller read; it
 * filters its own lists with this decision) and `mesh.entity.read`. A permission policy never sees
 * the resource, so each is one decision for all entities (./meshReadDecisions, ./decidedView).
 * Backstage's httpAuth hands out one credentials object per request, so keying by that object
 * keeps a decision to the request it was asked for; the plugin's PermissionsService
 * (../callerCache/CallerCachedPermissions) shares it further only by the caller's key.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import { withTimeout } from './withTimeout';

export interface CallerDecisions {
  /** Undefined when it cannot be had (the caller's own catalog read decides then). */
  catalogRead?: PolicyDecision;
  /** Undefined when it cannot be had (per-entity decisions then). */
  meshRead?: PolicyDecision;
}

/** By permission service, then credentials: kept for one request, and never longer than this. */
const asked = new WeakMap<
  PermissionsService,
  WeakMap<
    BackstageCredentials,
    { at: number; decisions: Promise<CallerDecisions> }
  >
>();
const MAX_AGE_MS = 10_000;

export function callerDecisions(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<CallerDecisions> {
  let byCredentials = asked.get(permissions);
  if (!byCredentials) asked.set(permissions, (byCredentials = new WeakMap()));
  const known = byCredentials.get(credentials);
  if (known && Date.now() - known.at < MAX_AGE_MS) return known.decisions;
  const decisions = ask(permissions, credentials);
  const entry = { at: Date.now(), decisions };
  byCredentials.set(credentials, entry);
  // A failure is not kept: the next view of the request asks again.
  decisions.then(d => {
    if (!d.catalogRead && byCredentials!.get(credentials) === entry)
      byCredentials!.delete(credentials);
  });
  return decisions;
}

async function ask(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<CallerDecisions> {
  try {
    const answers = await withTimeout(
      permissions.authorizeConditional(
        [
          { permission: catalogEntityReadPermission },
          { permission: meshEntityReadPermission },
        ],
        { credentials },
      ),
      'The permission service',
    );
    if (!Array.isArray(answers) || answers.length !== 2) return {};
    return { catalogRead: answers[0], meshRead: answers[1] };
  } catch {
    // Decided as before then: the catalog read as the caller, per-entity mesh decisions (which
    // fail the view closed if the permission service is down).
    return {};
  }
}
