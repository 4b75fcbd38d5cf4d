/*
 * mTLS status of a cluster, a namespace and a workload, from config: Kiali's verdicts (§4.3–§4.5)
 * next to the mode Istio actually enforces (./effectiveMode.ts), and the client-side TLS that
 * DestinationRules set for a workload's Services.
 */
import { waypointUseOf } from '../kube/waypoints';
import { servicesOf } from '../validation/appliedIstioConfig';
import {
  MeshClusterSecurity,
  MeshDestinationRuleTls,
  MeshNamespaceSecurity,
  MeshTlsStatus,
  MeshWorkloadSecurity,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { workloadRef } from '../mapping/entityMapping';
import { ValidationContext } from '../validation/context';
import { getHost, hostString, withinWildcard } from '../validation/hostNames';
import { Finding } from '../validation/types';
import { serviceWorkloads } from '../validation/checkers/common';
import { resolveEffectiveMtls } from './effectiveMode';
import {
  kialiReceivesMtls,
  MTLS_DISABLED,
  MTLS_ENABLED,
  meshReading,
  namespaceReading,
  workloadReading,
} from './kialiStatus';
import { namespaceOf } from '../kube/istioObjects';
import { destinationRuleTlsMode, peerAuthMode } from './policyReadings';

const STATUS_ONLY = (autoMtls: boolean) => ({
  autoMtls,
  allowPermissive: false,
});

export function clusterSecurity(ctx: ValidationContext): MeshClusterSecurity {
  const root = ctx.peerAuthentications.filter(
    p => namespaceOf(p) === ctx.rootNamespace,
  );
  const reading = meshReading(
    root,
    ctx.destinationRules,
    STATUS_ONLY(ctx.autoMtls),
  );
  const effective = resolveEffectiveMtls(
    ctx.peerAuthentications,
    ctx.rootNamespace,
    ctx.rootNamespace,
  );
  return {
    cluster: ctx.cluster,
    rootNamespace: ctx.rootNamespace,
    autoMtls: ctx.autoMtls,
    status: reading.overall as MeshTlsStatus,
    peerAuthenticationMode: reading.pa,
    destinationRuleMode: reading.dr,
    effectiveMode: effective.mode,
    ...(effective.policies[0]
      ? { policy: ctx.ref(effective.policies[0]) }
      : {}),
  };
}

/**
 * Kiali's namespace status (§4.4): namespace-wide policies only (none for the root namespace), a
 * validation error on one of them wins, no mode set means UNSET resolved against the mesh status.
 */
export function namespaceSecurity(
  ctx: ValidationContext,
  namespace: string,
  findings: Finding[],
): MeshNamespaceSecurity {
  const o = STATUS_ONLY(ctx.autoMtls);
  const wide =
    namespace === ctx.rootNamespace
      ? []
      : ctx.peerAuthentications.filter(
          p =>
            namespaceOf(p) === namespace &&
            Object.keys(p.spec?.selector?.matchLabels ?? {}).length === 0,
        );
  const reading = namespaceReading(
    namespace,
    wide,
    ctx.destinationRules,
    ctx.identityDomain,
    o,
  );
  const names = new Set(wide.map(p => p.metadata.name));
  const invalid = findings.some(
    f =>
      f.severity === 'error' &&
      f.object.kind === 'PeerAuthentication' &&
      f.object.namespace === namespace &&
      names.has(f.object.name),
  );
  let status: string;
  if (invalid) status = 'MTLS_VALIDATION_ERROR';
  else if (!wide.some(p => !['', 'UNSET'].includes(peerAuthMode(p)))) {
    const mesh = clusterSecurity(ctx).status;
    if (namespace === ctx.rootNamespace) status = mesh;
    else if (mesh === MTLS_ENABLED) status = 'UNSET_INHERITED_STRICT';
    else if (mesh === MTLS_DISABLED) status = 'UNSET_INHERITED_DISABLED';
    else status = 'UNSET';
  } else status = reading.overall;
  const effective = resolveEffectiveMtls(
    ctx.peerAuthentications,
    ctx.rootNamespace,
    namespace,
  );
  return {
    cluster: ctx.cluster,
    namespace,
    status: status as MeshTlsStatus,
    peerAuthenticationMode: reading.pa,
    destinationRuleMode: reading.dr,
    effectiveMode: effective.mode,
    ...(effective.policies[0]
      ? { policy: ctx.ref(effective.policies[0]) }
      : {}),
  };
}

/** DestinationRules whose host names (or covers) one of the workload's Services. */
export function destinationRulesFor(
  ctx: ValidationContext,
  w: Workload,
): MeshDestinationRuleTls[] {
  const services = ctx.services.filter(
    s =>
      namespaceOf(s) === w.namespace &&
      serviceWorkloads(ctx, w.namespace, s.spec?.selector).includes(w),
  );
  const fqdns = services.map(
    s => `${s.metadata.name}.${w.namespace}.${ctx.identityDomain}`,
  );
  return ctx.destinationRules.flatMap(dr => {
    const host = hostString(
      getHost(
        dr.spec?.host ?? '',
        namespaceOf(dr),
        ctx.namespaceNames,
        ctx.identityDomain,
      ),
    );
    // `*.local`, `*.<ns>.svc.cluster.local` and other wildcards cover the Services below them.
    if (
      !fqdns.some(
        f => f === host || (host.startsWith('*.') && withinWildcard(f, host)),
      )
    )
      return [];
    const mode = destinationRuleTlsMode(dr);
    const portModes: Record<string, string> = {};
    for (const setting of (dr.spec?.trafficPolicy?.portLevelSettings ??
      []) as any[]) {
      if (setting?.tls && setting?.port?.number)
        portModes[String(setting.port.number)] = setting.tls.mode ?? 'DISABLE';
    }
    if (!mode && Object.keys(portModes).length === 0) return [];
    return [
      {
        ref: ctx.ref(dr),
        host: dr.spec?.host ?? '',
        ...(mode ? { mode } : {}),
        ...(Object.keys(portModes).length ? { portModes } : {}),
      },
    ];
  });
}

/**
 * Kiali's workload mTLS status as its UI shows it (Kiali semantics §4.5, then §4.4): a workload
 * policy's reading, else the namespace status — so PERMISSIVE reads "Permissive", never "Strict".
 * (KIA0105's "receives mTLS" counts PERMISSIVE as enabled: that is `kialiStatus`, not this.)
 */
function workloadStatus(
  ctx: ValidationContext,
  w: Workload,
  findings: Finding[],
): MeshTlsStatus {
  const inputs = ctx.mtlsInputs(w.namespace);
  const reading = workloadReading(
    w.podLabels,
    w.namespace,
    inputs.namespacePeerAuthentications,
    inputs.destinationRules,
    inputs.services,
    inputs.identityDomain,
  );
  if (reading === MTLS_ENABLED || reading === MTLS_DISABLED)
    return reading as MeshTlsStatus;
  return namespaceSecurity(ctx, w.namespace, findings).status;
}

export function workloadSecurity(
  ctx: ValidationContext,
  w: Workload,
  findings: Finding[] = [],
): MeshWorkloadSecurity {
  const effective = resolveEffectiveMtls(
    ctx.peerAuthentications,
    ctx.rootNamespace,
    w.namespace,
    w.podLabels,
  );
  const portModes = Object.values(effective.ports);
  const byMode = {
    STRICT: 'strict',
    PERMISSIVE: 'permissive',
    DISABLE: 'disabled',
  } as const;
  let inbound: MeshWorkloadSecurity['inbound'] = byMode[effective.mode];
  if (w.dataplane === 'none') inbound = 'not-in-mesh';
  else if (portModes.some(m => m !== effective.mode)) inbound = 'mixed';
  return {
    ...workloadRef(w),
    dataplane: w.dataplane,
    effectiveMode: effective.mode,
    portModes: effective.ports,
    policies: effective.policies.map(p => ctx.ref(p)),
    inbound,
    status: workloadStatus(ctx, w, findings),
    kialiStatus: kialiReceivesMtls(
      w.podLabels,
      ctx.mtlsInputs(w.namespace),
    ) as MeshTlsStatus,
    destinationRules: destinationRulesFor(ctx, w),
    ...withWaypoint(ctx, w),
  };
}

function withWaypoint(
  ctx: ValidationContext,
  w: Workload,
): Pick<MeshWorkloadSecurity, 'waypoint'> {
  const waypoint = waypointUseOf(
    w,
    servicesOf(w, ctx.services),
    ctx.namespaces.get(w.namespace)?.metadata.labels ?? {},
    namespace => ctx.workloadsIn(namespace),
    ctx.k8sGateways,
  );
  return waypoint ? { waypoint } : {};
}
