/*
 * VirtualService hosts and gateways (Kiali's NoHostChecker, NoGatewayChecker, SingleHostChecker):
 * KIA1101 route destination host not in the registry, KIA1102 unknown gateway, KIA1108 old
 * `name.namespace` gateway form, KIA1106 more than one VirtualService for a host.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import {
  getHost,
  hostString,
  parseHost,
  ParsedHost,
  serviceEntryHostCovers,
  withinWildcard,
} from '../hostNames';
import { Checker, Finding } from '../types';
import { forEachDestination, perViewFindings } from './common';

/** Kiali's `HasMatchingVirtualServices`: does one of the VirtualService's hosts cover `host`? */
export function virtualServiceCoversHost(
  ctx: ValidationContext,
  vs: IstioObject,
  host: ParsedHost,
): boolean {
  const ns = namespaceOf(vs);
  const fqdn = `${host.service}.${host.namespace}.${ctx.identityDomain}`;
  return ((vs.spec?.hosts ?? []) as string[]).some(vHost => {
    if (vHost === '*') return true;
    if (vHost === host.service && ns === host.namespace) return true;
    if (
      [
        `${host.service}.${host.namespace}`,
        fqdn,
        `*.${host.namespace}.${ctx.identityDomain}`,
      ].includes(vHost)
    )
      return true;
    const parsed = parseHost(vHost, ns, ctx.identityDomain);
    if (!parsed.complete && !host.complete && parsed.service === host.service)
      return true;
    return withinWildcard(host.service, vHost);
  });
}

function destinationHostFindings(
  ctx: ValidationContext,
  vs: IstioObject,
): Finding[] {
  const ns = namespaceOf(vs);
  const entryHosts = ctx.serviceEntryHosts(ns);
  const out: Finding[] = [];
  forEachDestination(vs, (dest, path) => {
    if (!dest.host) return;
    const name = hostString(
      getHost(dest.host, ns, ctx.namespaceNames, ctx.identityDomain),
    );
    if (
      entryHosts.some(h => serviceEntryHostCovers(h, name)) ||
      ctx.isServiceHostVisible(name, ns)
    )
      return;
    out.push(
      finding(
        'KIA1101',
        ctx.ref(vs),
        `${path}/destination/host`,
        ctx.allowAny ? 'warning' : undefined,
      ),
    );
  });
  return out;
}

/** `ns/name`, `name.ns[.domain]` or `name` (in the VirtualService's namespace). */
function gatewayKey(ref: string, namespace: string): string {
  if (ref.includes('/')) {
    const [ns, name] = ref.split('/');
    return `${ns}/${name}`;
  }
  const parts = ref.split('.');
  return parts.length > 1 ? `${parts[1]}/${parts[0]}` : `${namespace}/${ref}`;
}

function gatewayFindings(
  ctx: ValidationContext,
  vs: IstioObject,
  known: Set<string>,
): Finding[] {
  const ns = namespaceOf(vs);
  const out: Finding[] = [];
  const check = (gateways: string[] | undefined, location: string) =>
    (gateways ?? []).forEach((gw, i) => {
      if (gw === 'mesh') return;
      // Kiali reports the old form at spec/gateways[i] even for match gateways; we point at the field.
      if (gw.includes('.'))
        out.push(finding('KIA1108', ctx.ref(vs), `${location}/gateways[${i}]`));
      if (!known.has(gatewayKey(gw, ns)))
        out.push(finding('KIA1102', ctx.ref(vs), `${location}/gateways[${i}]`));
    });
  check(vs.spec?.gateways, 'spec');
  // Kiali's path for gateways inside matches omits the match index: spec/http[i]/match/gateways[j].
  (vs.spec?.http ?? []).forEach((route: any, i: number) =>
    (route?.match ?? []).forEach((m: any) =>
      check(m?.gateways, `spec/http[${i}]/match`),
    ),
  );
  return out;
}

/** KIA1106 among the VirtualServices one namespace sees: same gateway and host, or a `*` host beside others. */
function singleHostFindings(
  ctx: ValidationContext,
  virtualServices: IstioObject[],
): Finding[] {
  // gateway → cluster domain + namespace → service → VirtualServices
  const counter = new Map<string, Map<string, Map<string, IstioObject[]>>>();
  for (const vs of virtualServices) {
    const gateways: string[] = vs.spec?.gateways?.length
      ? vs.spec.gateways
      : ['no-gateway'];
    for (const host of (vs.spec?.hosts ?? []) as string[]) {
      const h = getHost(
        host,
        namespaceOf(vs),
        ctx.namespaceNames,
        ctx.identityDomain,
      );
      for (const gw of gateways) {
        const byNs =
          counter.get(gw) ?? new Map<string, Map<string, IstioObject[]>>();
        counter.set(gw, byNs);
        const nsKey = `${h.domain}|${h.namespace}`;
        const byService = byNs.get(nsKey) ?? new Map<string, IstioObject[]>();
        byNs.set(nsKey, byService);
        const list = byService.get(h.service) ?? [];
        if (!list.includes(vs)) list.push(vs);
        byService.set(h.service, list);
      }
    }
  }
  const flagged = new Set<IstioObject>();
  for (const byNs of counter.values()) {
    for (const byService of byNs.values()) {
      const wildcardPresent =
        (byService.get('*') ?? []).length > 0 && byService.size > 1;
      for (const list of byService.values()) {
        if (list.length > 1 || wildcardPresent)
          list.forEach(vs => flagged.add(vs));
      }
    }
  }
  return [...flagged].map(vs => finding('KIA1106', ctx.ref(vs), 'spec/hosts'));
}

export const virtualServiceHostsChecker: Checker = {
  name: 'NoHostChecker, NoGatewayChecker, SingleHostChecker',
  codes: ['KIA1101', 'KIA1102', 'KIA1106', 'KIA1108'],
  check(ctx) {
    const gateways = new Set(
      ctx.gateways.map(g => `${namespaceOf(g)}/${g.metadata.name}`),
    );
    return [
      ...ctx.virtualServices.flatMap(vs => [
        ...destinationHostFindings(ctx, vs),
        ...gatewayFindings(ctx, vs, gateways),
      ]),
      ...perViewFindings(ctx, ctx.virtualServices, visible =>
        singleHostFindings(ctx, visible),
      ),
    ];
  },
};
