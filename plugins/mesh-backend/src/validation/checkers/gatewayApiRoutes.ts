/*
 * Gateway API routes and grants (Kiali's k8shttproutes, k8sgrpcroutes and k8sreferencegrants
 * checkers in business/checkers/):
 * - KIA1401 an HTTPRoute/GRPCRoute parentRef to a Gateway that does not exist in its namespace, or
 *   that does not accept routes from the route's namespace (`allowedRoutes.namespaces`);
 * - KIA1402 a parentRef or backendRef to a Service that does not exist, is written with dots, or
 *   lives in another namespace without a ReferenceGrant allowing it;
 * - KIA1601 a ReferenceGrant `from` a namespace the cluster does not have.
 * Absent `kind`/`group` take the Gateway API defaults (Gateway / gateway.networking.k8s.io for
 * parentRefs, Service / core for backendRefs), as the CRD defaulting does.
 */
import { fromLabelSelector, matchesSelector } from '../../kube/labelSelector';
import { IstioObject } from '../../kube/types';
import { GATEWAY_API, namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';

interface Ref {
  kind?: string;
  group?: string;
  name?: string;
  namespace?: string;
}

const isServiceRef = (ref: Ref, defaultKind: string) =>
  (ref.kind ?? defaultKind) === 'Service' && !ref.group;
const isGatewayRef = (ref: Ref) =>
  (ref.kind ?? 'Gateway') === 'Gateway' &&
  (ref.group ?? GATEWAY_API) === GATEWAY_API;

/** Kiali's IsGatewaySharedWithNS: a listener admits routes of `namespace` (All, or by Selector). */
function admitsNamespace(
  ctx: ValidationContext,
  gateway: IstioObject,
  namespace: string,
): boolean {
  const labels = ctx.namespaces.get(namespace)?.metadata.labels;
  if (!ctx.namespaces.has(namespace)) return false;
  return ((gateway.spec?.listeners ?? []) as any[]).some(l => {
    const from = l?.allowedRoutes?.namespaces?.from;
    const selector = l?.allowedRoutes?.namespaces?.selector;
    return (
      from === 'All' ||
      (from === 'Selector' &&
        !!selector &&
        matchesSelector(fromLabelSelector(selector), labels))
    );
  });
}

function gatewayFound(ctx: ValidationContext, route: IstioObject, ref: Ref) {
  const routeNs = namespaceOf(route);
  const ns = ref.namespace || routeNs;
  const gateway = ctx.k8sGateways.find(
    g => namespaceOf(g) === ns && g.metadata.name === ref.name,
  );
  return (
    !!gateway && (ns === routeNs || admitsNamespace(ctx, gateway, routeNs))
  );
}

/** Kiali's HasMatchingReferenceGrant: a grant in `to` admitting `fromKind` of `from` to Services. */
function granted(
  ctx: ValidationContext,
  from: string,
  to: string,
  fromKind: string,
): boolean {
  return ctx.referenceGrants.some(
    g =>
      namespaceOf(g) === to &&
      ((g.spec?.from ?? []) as any[]).some(
        f => f?.namespace === from && f?.kind === fromKind,
      ) &&
      ((g.spec?.to ?? []) as any[]).some(t => t?.kind === 'Service'),
  );
}

function serviceFound(ctx: ValidationContext, route: IstioObject, ref: Ref) {
  const routeNs = namespaceOf(route);
  const ns = ref.namespace || routeNs;
  const name = ref.name ?? '';
  if (name.includes('.')) return false;
  if (ns !== routeNs && !granted(ctx, routeNs, ns, route.kind)) return false;
  return ctx.services.some(
    s => namespaceOf(s) === ns && s.metadata.name === name,
  );
}

function routeFindings(ctx: ValidationContext, route: IstioObject): Finding[] {
  const out: Finding[] = [];
  ((route.spec?.parentRefs ?? []) as Ref[]).forEach((ref, i) => {
    if (isServiceRef(ref, 'Gateway')) {
      if (!serviceFound(ctx, route, ref))
        out.push(
          finding('KIA1402', ctx.ref(route), `spec/parentRefs[${i}]/name`),
        );
    } else if (
      ref.name &&
      isGatewayRef(ref) &&
      !gatewayFound(ctx, route, ref)
    ) {
      out.push(
        finding(
          'KIA1401',
          ctx.ref(route),
          `spec/parentRefs[${i}]/name/${ref.name}`,
        ),
      );
    }
  });
  ((route.spec?.rules ?? []) as any[]).forEach((rule, k) =>
    ((rule?.backendRefs ?? []) as Ref[]).forEach((ref, i) => {
      if (isServiceRef(ref, 'Service') && !serviceFound(ctx, route, ref))
        out.push(
          finding(
            'KIA1402',
            ctx.ref(route),
            `spec/rules[${k}]/backendRefs[${i}]/name`,
          ),
        );
    }),
  );
  return out;
}

export const gatewayApiRoutesChecker: Checker = {
  name: 'K8sHTTPRouteChecker, K8sGRPCRouteChecker, K8sReferenceGrantChecker',
  codes: ['KIA1401', 'KIA1402', 'KIA1601'],
  check(ctx) {
    return [
      ...[...ctx.httpRoutes, ...ctx.grpcRoutes].flatMap(r =>
        routeFindings(ctx, r),
      ),
      ...ctx.referenceGrants.flatMap(g =>
        ((g.spec?.from ?? []) as any[]).flatMap((from, i) =>
          ctx.namespaces.has(from?.namespace)
            ? []
            : [finding('KIA1601', ctx.ref(g), `spec/from[${i}]/namespace`)],
        ),
      ),
    ];
  },
};
