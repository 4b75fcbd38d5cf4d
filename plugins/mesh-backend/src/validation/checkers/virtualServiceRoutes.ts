/*
 * VirtualService routes (Kiali's RouteChecker and SubsetPresenceChecker): KIA1104 a lone destination
 * with a partial weight, KIA1105 the same host+subset twice in one route, KIA1107 a subset no visible
 * DestinationRule defines for the host. Unlike Kiali we do not narrow DestinationRules by a Sidecar's
 * import scope.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import {
  filterByHost,
  getHost,
  hostString,
  withinWildcard,
} from '../hostNames';
import { Checker, Finding } from '../types';
import { forEachDestination, ROUTE_KINDS } from './common';

function routeFindings(ctx: ValidationContext, vs: IstioObject): Finding[] {
  const out: Finding[] = [];
  const ns = namespaceOf(vs);
  for (const kind of ROUTE_KINDS) {
    ((vs.spec?.[kind] ?? []) as any[]).forEach((route, i) => {
      const destinations = (route?.route ?? []) as any[];
      const weight =
        destinations.length === 1 ? destinations[0]?.weight : undefined;
      if (typeof weight === 'number' && weight > 0 && weight < 100) {
        out.push(
          finding('KIA1104', ctx.ref(vs), `spec/${kind}[${i}]/route[0]/weight`),
        );
      }
      const seen = new Map<string, number[]>();
      destinations.forEach((d, j) => {
        if (!d?.destination) return;
        const key = `${hostString(
          getHost(
            d.destination.host ?? '',
            ns,
            ctx.namespaceNames,
            ctx.identityDomain,
          ),
        )}|${d.destination.subset ?? ''}`;
        seen.set(key, [...(seen.get(key) ?? []), j]);
      });
      for (const indexes of seen.values()) {
        // Kiali's path for this check is route[j]/host (not route[j]/destination/host).
        if (indexes.length > 1)
          indexes.forEach(j =>
            out.push(
              finding(
                'KIA1105',
                ctx.ref(vs),
                `spec/${kind}[${i}]/route[${j}]/host`,
              ),
            ),
          );
      }
    });
  }
  return out;
}

/** Is `subset` defined for `host` (of a VirtualService in `ns`) by one of the DestinationRules? */
export function subsetDefined(
  ctx: ValidationContext,
  host: string,
  ns: string,
  subset: string,
  destinationRules: IstioObject[],
): boolean {
  const vsHost = getHost(host, ns, ctx.namespaceNames, ctx.identityDomain);
  const vsHostName = hostString(vsHost);
  return destinationRules.some(dr => {
    if (!((dr.spec?.subsets ?? []) as any[]).some(s => s?.name === subset))
      return false;
    const drHost = getHost(
      dr.spec?.host ?? '',
      namespaceOf(dr),
      ctx.namespaceNames,
      ctx.identityDomain,
    );
    return (
      filterByHost(
        vsHostName,
        vsHost.namespace,
        drHost.service,
        drHost.namespace,
        ctx.identityDomain,
      ) || withinWildcard(vsHostName, hostString(drHost))
    );
  });
}

function subsetFindings(ctx: ValidationContext, vs: IstioObject): Finding[] {
  const ns = namespaceOf(vs);
  const destinationRules = ctx.visibleDestinationRules(ns);
  const out: Finding[] = [];
  forEachDestination(vs, (dest, path) => {
    if (!dest.host || !dest.subset) return;
    if (!subsetDefined(ctx, dest.host, ns, dest.subset, destinationRules))
      out.push(finding('KIA1107', ctx.ref(vs), `${path}/destination`));
  });
  return out;
}

export const virtualServiceRoutesChecker: Checker = {
  name: 'RouteChecker, SubsetPresenceChecker',
  codes: ['KIA1104', 'KIA1105', 'KIA1107'],
  check(ctx) {
    return ctx.virtualServices.flatMap(vs => [
      ...routeFindings(ctx, vs),
      ...subsetFindings(ctx, vs),
    ]);
  },
};
