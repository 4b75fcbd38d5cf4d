/*
 * DestinationRule hosts and subsets (Kiali's NoDestinationChecker and MultiMatchChecker): KIA0202 host
 * not in the registry, KIA0203 subset labels matching no workload of the host (an error only when a
 * VirtualService routes to the subset), KIA0209 subset without labels, KIA0201 two DestinationRules
 * for the same host and subset.
 */
import { matchesLabels } from '../../kube/labelSelector';
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import {
  destinationRuleTlsMode,
  MESH_WIDE_HOST,
  namespaceWideHost,
} from '../../security/policyReadings';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import {
  getHost,
  hostString,
  isWildcardHost,
  ParsedHost,
  serviceEntryHostCovers,
  twoPartHost,
  withinWildcard,
} from '../hostNames';
import { Checker, Finding } from '../types';
import {
  appOf,
  forEachDestination,
  perViewFindings,
  serviceWorkloads,
} from './common';

function hostExists(
  ctx: ValidationContext,
  host: ParsedHost,
  drNamespace: string,
): boolean {
  if (isWildcardHost(host)) return true;
  const { service, namespace } = twoPartHost(host);
  if (
    namespace === drNamespace &&
    ctx.workloadsIn(namespace).some(w => appOf(w.podLabels) === service)
  )
    return true;
  const name = hostString(host);
  if (
    ctx
      .serviceEntryHosts(drNamespace)
      .some(h => serviceEntryHostCovers(h, name))
  )
    return true;
  return ctx.isServiceHostVisible(name, drNamespace);
}

function subsetHasWorkload(
  ctx: ValidationContext,
  host: ParsedHost,
  labels: Record<string, string>,
  drNamespace: string,
): boolean {
  if (isWildcardHost(host)) return true;
  const { service, namespace } = twoPartHost(host);
  const svc = ctx.services.find(
    s => s.metadata.name === service && namespaceOf(s) === namespace,
  );
  if (svc && Object.keys(svc.spec?.selector ?? {}).length > 0) {
    return serviceWorkloads(ctx, namespace, svc.spec?.selector).some(w =>
      matchesLabels(labels, w.podLabels),
    );
  }
  // No Service selector: the host may be a ServiceEntry whose endpoints carry labels.
  return ctx.serviceEntries
    .filter(se => ctx.isVisibleFrom(se, drNamespace))
    .some(se =>
      ((se.spec?.endpoints ?? []) as any[]).some(ep =>
        matchesLabels(labels, ep?.labels ?? {}),
      ),
    );
}

/** Does a visible VirtualService route to `subset` of the DestinationRule's host? */
function subsetReferenced(
  ctx: ValidationContext,
  dr: IstioObject,
  subset: string,
): boolean {
  const drHost = hostString(
    getHost(
      dr.spec?.host ?? '',
      namespaceOf(dr),
      ctx.namespaceNames,
      ctx.identityDomain,
    ),
  );
  return ctx.virtualServices
    .filter(vs => ctx.isVisibleFrom(vs, namespaceOf(dr)))
    .some(vs => {
      let referenced = false;
      forEachDestination(vs, dest => {
        if (dest.subset !== subset || !dest.host) return;
        // Kiali parses each side against the other's namespace; parsing each in its own is equivalent
        // when both share a namespace and correct across namespaces.
        if (
          hostString(
            getHost(
              dest.host,
              namespaceOf(vs),
              ctx.namespaceNames,
              ctx.identityDomain,
            ),
          ) === drHost
        )
          referenced = true;
      });
      return referenced;
    });
}

function noDestinationFindings(
  ctx: ValidationContext,
  dr: IstioObject,
): Finding[] {
  const ns = namespaceOf(dr);
  const host = getHost(
    dr.spec?.host ?? '',
    ns,
    ctx.namespaceNames,
    ctx.identityDomain,
  );
  if (!hostExists(ctx, host, ns))
    return [
      finding(
        'KIA0202',
        ctx.ref(dr),
        'spec/host',
        ctx.allowAny ? 'warning' : undefined,
      ),
    ];
  const subsets = (dr.spec?.subsets ?? []) as any[];
  const out: Finding[] = [];
  const unlabelled: Finding[] = [];
  let someSubsetMatches = false;
  subsets.forEach((subset, i) => {
    const labels: Record<string, string> = subset?.labels ?? {};
    const path = `spec/subsets[${i}]`;
    if (Object.keys(labels).length === 0) {
      unlabelled.push(finding('KIA0209', ctx.ref(dr), path));
    } else if (!subsetHasWorkload(ctx, host, labels, ns)) {
      out.push(
        finding(
          'KIA0203',
          ctx.ref(dr),
          path,
          subsetReferenced(ctx, dr, subset?.name) ? undefined : 'info',
        ),
      );
    } else {
      someSubsetMatches = true;
    }
  });
  // A label-less subset next to working ones is informational only.
  return [
    ...out,
    ...unlabelled.map(f =>
      someSubsetMatches ? { ...f, severity: 'info' as const } : f,
    ),
  ];
}

/** Mesh- or namespace-wide ISTIO_MUTUAL rules are defaults meant to coexist with specific ones. */
export function isWideMtlsDefault(
  ctx: ValidationContext,
  dr: IstioObject,
): boolean {
  const host = dr.spec?.host;
  const wide =
    host === MESH_WIDE_HOST ||
    host === namespaceWideHost(namespaceOf(dr), ctx.identityDomain);
  return wide && destinationRuleTlsMode(dr) === 'ISTIO_MUTUAL';
}

const overlap = (a: string, b: string) =>
  a === b ||
  a === '*' ||
  b === '*' ||
  withinWildcard(a, b) ||
  withinWildcard(b, a);

function multiMatchFindings(
  ctx: ValidationContext,
  destinationRules: IstioObject[],
): Finding[] {
  const seen: Array<{ host: string; subsets: string[]; dr: IstioObject }> = [];
  const flagged = new Set<IstioObject>();
  for (const dr of destinationRules) {
    if (isWideMtlsDefault(ctx, dr)) continue;
    const host = hostString(
      getHost(
        dr.spec?.host ?? '',
        namespaceOf(dr),
        ctx.namespaceNames,
        ctx.identityDomain,
      ),
    );
    const names = ((dr.spec?.subsets ?? []) as any[]).map(s => s?.name);
    const subsets = names.length ? names : ['~']; // `~`: the whole host, every subset
    for (const other of seen) {
      if (!overlap(host, other.host)) continue;
      const clash =
        subsets.includes('~') ||
        other.subsets.includes('~') ||
        subsets.some(s => other.subsets.includes(s));
      if (clash) flagged.add(dr).add(other.dr);
    }
    seen.push({ host, subsets, dr });
  }
  return [...flagged].map(dr => finding('KIA0201', ctx.ref(dr), 'spec/host'));
}

export const destinationRuleChecker: Checker = {
  name: 'NoDestinationChecker, MultiMatchChecker',
  codes: ['KIA0201', 'KIA0202', 'KIA0203', 'KIA0209'],
  check(ctx) {
    return [
      ...ctx.destinationRules.flatMap(dr => noDestinationFindings(ctx, dr)),
      ...perViewFindings(ctx, ctx.destinationRules, visible =>
        multiMatchFindings(ctx, visible),
      ),
    ];
  },
};
