/*
 * L7 config other than AuthorizationPolicies in ambient namespaces (Kiali's AmbientPolicyChecker,
 * business/checkers/ambient_policy_checker.go, and its L7 classification in
 * business/checkers/ambient/l7_classification.go). In ambient mode only a waypoint applies L7
 * config, so:
 * - VirtualServices with HTTP/TLS routes for mesh traffic and DestinationRules with L7 traffic
 *   policies are judged by their *destination* Service: in an ambient namespace, the Service must be
 *   enrolled to use a waypoint (KIA1113 / KIA0211) and the object must live in the Service's
 *   namespace (KIA1114 / KIA0212); when no ambient destination resolves, the object's own ambient
 *   namespace must be enrolled (KIA1109 / KIA0210).
 * - RequestAuthentications in ambient namespaces need targetRefs (KIA1115) and enrolment
 *   (KIA1110); WasmPlugins (KIA1116 / KIA1111) and L7 Telemetry (KIA1117 / KIA1112) alike.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding, ValidationCode } from '../codes';
import { ValidationContext } from '../context';
import { getHost } from '../hostNames';
import { Checker, Finding } from '../types';
import { enrolledForWaypoint, enrolmentMissing, targetRefsOf } from './ambient';

/** Kiali's ClassifyVirtualService: HTTP/TLS routes that apply to mesh (east-west) traffic. */
export function virtualServiceNeedsWaypoint(vs: IstioObject): boolean {
  const spec = vs.spec ?? {};
  const httpOrTls = (spec.http ?? []).length > 0 || (spec.tls ?? []).length > 0;
  const gateways: string[] = spec.gateways ?? [];
  return httpOrTls && (gateways.length === 0 || gateways.includes('mesh'));
}

function trafficPolicyHasL7(tp: any): boolean {
  const hash = tp?.loadBalancer?.consistentHash;
  return (
    !!(hash?.httpHeaderName || hash?.httpCookie) ||
    !!tp?.connectionPool?.http ||
    !!tp?.outlierDetection
  );
}

/** Kiali's IsL7DestinationRule: HTTP hashing, HTTP connection pool or outlier detection. */
export function isL7DestinationRule(dr: IstioObject): boolean {
  return (
    trafficPolicyHasL7(dr.spec?.trafficPolicy) ||
    ((dr.spec?.subsets ?? []) as any[]).some(s =>
      trafficPolicyHasL7(s?.trafficPolicy),
    )
  );
}

/** Kiali's IsL7Telemetry: tracing, access logging or metric overrides. */
export function isL7Telemetry(t: IstioObject): boolean {
  const spec = t.spec ?? {};
  return (
    (spec.tracing ?? []).length > 0 ||
    (spec.accessLogging ?? []).length > 0 ||
    ((spec.metrics ?? []) as any[]).some(m => (m?.overrides ?? []).length > 0)
  );
}

interface HostCodes {
  notCaptured: ValidationCode;
  notInServiceNamespace: ValidationCode;
  noEnrolment: ValidationCode;
}

function hostBasedFindings(
  ctx: ValidationContext,
  obj: IstioObject,
  hosts: string[],
  codes: HostCodes,
  pathOf: (index: number) => string,
): Finding[] {
  const ns = namespaceOf(obj);
  const out: Finding[] = [];
  const seen = new Set<string>();
  let resolved = false;
  hosts.forEach((host, index) => {
    if (!host || host === '*') return;
    const parsed = getHost(host, ns, ctx.namespaceNames, ctx.identityDomain);
    if (!parsed.complete || !ctx.isAmbientNamespace(parsed.namespace)) return;
    const svc = ctx.services.find(
      s =>
        namespaceOf(s) === parsed.namespace &&
        s.metadata.name === parsed.service,
    );
    if (!svc) return;
    resolved = true;
    const key = `${parsed.namespace}/${parsed.service}`;
    if (seen.has(key)) return;
    seen.add(key);
    const nsLabels =
      ctx.namespaces.get(parsed.namespace)?.metadata.labels ?? {};
    if (ns !== parsed.namespace)
      out.push(
        finding(codes.notInServiceNamespace, ctx.ref(obj), pathOf(index)),
      );
    if (!enrolledForWaypoint(svc.metadata.labels ?? {}, nsLabels))
      out.push(finding(codes.notCaptured, ctx.ref(obj), pathOf(index)));
  });
  if (!resolved && ctx.isAmbientNamespace(ns) && !namespaceEnrolled(ctx, ns))
    out.push(finding(codes.noEnrolment, ctx.ref(obj), pathOf(0)));
  return out;
}

function namespaceEnrolled(ctx: ValidationContext, ns: string): boolean {
  return enrolledForWaypoint(
    undefined,
    ctx.namespaces.get(ns)?.metadata.labels ?? {},
  );
}

/** Policies attached by selector or targetRefs: missing targetRefs, then missing enrolment. */
function policyFindings(
  ctx: ValidationContext,
  policies: IstioObject[],
  noTargetRefs: ValidationCode,
  noEnrolment: ValidationCode,
  isL7: (p: IstioObject) => boolean = () => true,
): Finding[] {
  return policies.flatMap(p => {
    if (!ctx.isAmbientNamespace(namespaceOf(p)) || !isL7(p)) return [];
    return [
      ...(targetRefsOf(p).length === 0
        ? [finding(noTargetRefs, ctx.ref(p), '')]
        : []),
      ...(enrolmentMissing(ctx, p)
        ? [finding(noEnrolment, ctx.ref(p), '')]
        : []),
    ];
  });
}

export const ambientL7Checker: Checker = {
  name: 'AmbientPolicyChecker (VirtualService, DestinationRule, RequestAuthentication, WasmPlugin, Telemetry)',
  codes: [
    'KIA0210',
    'KIA0211',
    'KIA0212',
    'KIA1109',
    'KIA1110',
    'KIA1111',
    'KIA1112',
    'KIA1113',
    'KIA1114',
    'KIA1115',
    'KIA1116',
    'KIA1117',
  ],
  check(ctx) {
    return [
      ...ctx.virtualServices.filter(virtualServiceNeedsWaypoint).flatMap(vs =>
        hostBasedFindings(
          ctx,
          vs,
          vs.spec?.hosts ?? [],
          {
            notCaptured: 'KIA1113',
            notInServiceNamespace: 'KIA1114',
            noEnrolment: 'KIA1109',
          },
          i => `spec/hosts[${i}]`,
        ),
      ),
      ...ctx.destinationRules.filter(isL7DestinationRule).flatMap(dr =>
        hostBasedFindings(
          ctx,
          dr,
          [dr.spec?.host ?? ''],
          {
            notCaptured: 'KIA0211',
            notInServiceNamespace: 'KIA0212',
            noEnrolment: 'KIA0210',
          },
          () => 'spec/host',
        ),
      ),
      ...policyFindings(ctx, ctx.requestAuthentications, 'KIA1115', 'KIA1110'),
      ...policyFindings(ctx, ctx.wasmPlugins, 'KIA1116', 'KIA1111'),
      ...policyFindings(
        ctx,
        ctx.telemetries,
        'KIA1117',
        'KIA1112',
        isL7Telemetry,
      ),
    ];
  },
};
