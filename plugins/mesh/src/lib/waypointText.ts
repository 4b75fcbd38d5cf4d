/*
 * What the Config and Security views say about a workload's ambient waypoint (MeshWaypointUse):
 * which one and where the enrolling label is, a missing one, or the L4-only caveat of ambient
 * without a waypoint. Sidecar and gateway workloads get nothing: waypoints are ambient only.
 */
import { MeshWaypointUse } from '@mesh-portal/plugin-mesh-common';

const VIA: Record<MeshWaypointUse['via'], string> = {
  workload: 'pod label',
  service: 'Service label',
  namespace: 'namespace label',
};

export const AMBIENT_L4_ONLY =
  'none: L4 only (ztunnel) — no request metrics, AuthorizationPolicies at L4 only';

export function waypointText(w: {
  dataplane: string;
  waypoint?: MeshWaypointUse;
}): string | undefined {
  if (w.dataplane !== 'ambient') return undefined;
  const use = w.waypoint;
  if (!use) return AMBIENT_L4_ONLY;
  const via =
    use.via === 'service' && use.service
      ? `Service ${use.service} label`
      : VIA[use.via];
  return `${use.namespace}/${use.name} (${via})${
    use.found ? '' : ' — not found: traffic is not delivered (KIA1313)'
  }`;
}
