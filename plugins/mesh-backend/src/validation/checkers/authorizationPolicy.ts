/*
 * AuthorizationPolicy field checks (Kiali's NamespaceMethodChecker, NoHostChecker, PrincipalsChecker):
 * KIA0101 unknown source namespace, KIA0102 non-HTTP method, KIA0104 host not in the registry,
 * KIA0106 principal without a ServiceAccount, KIA0107 principal of another cluster's ServiceAccount,
 * KIA0108 principal of an unknown trust domain.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import {
  getHost,
  hostString,
  isWildcardHost,
  serviceEntryHostCovers,
  twoPartHost,
} from '../hostNames';
import { clusterPrincipals, principalKnown } from '../principals';
import { Checker, Finding } from '../types';
import { virtualServiceCoversHost } from './virtualServiceHosts';

const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
];

/** Istio string match on methods: exact, `PREFIX*`, `*SUFFIX` or `*` (presence). */
export function validMethod(raw: string): boolean {
  const m = raw.trim();
  if (!m) return false;
  if (m === '*') return true;
  const prefix = m.endsWith('*') && !m.startsWith('*');
  const suffix = m.startsWith('*') && !m.endsWith('*');
  const core = m.replace(/^\*|\*$/g, '').toUpperCase();
  if ((prefix || suffix) && !core) return false;
  const matches = (h: string) => {
    if (prefix) return h.startsWith(core);
    if (suffix) return h.endsWith(core);
    return h === core;
  };
  return HTTP_METHODS.some(matches);
}

/** Namespace patterns in `source.namespaces`: exact, `prefix*`, `*suffix`, or `*` (any namespace). */
function namespacePatternKnown(pattern: string, namespaces: string[]): boolean {
  if (pattern === '*') return namespaces.length > 0;
  if (namespaces.includes(pattern)) return true;
  if (pattern.endsWith('*') && pattern.length > 1)
    return namespaces.some(n => n.startsWith(pattern.slice(0, -1)));
  if (pattern.startsWith('*') && pattern.length > 1)
    return namespaces.some(n => n.endsWith(pattern.slice(1)));
  return false;
}

/**
 * `operation.hosts` match the HTTP Host header: wildcards, hosts with two or more dots, and `a.b`
 * where `b` is not a namespace are header values, not registry names, so they are not checked.
 */
function isHostHeaderMatcher(
  host: string,
  namespace: string,
  namespaces: string[],
): boolean {
  const h = host.trim();
  if (!h) return false;
  if (h.startsWith('*') || h.endsWith('*')) return true;
  const dots = h.split('.').length - 1;
  if (dots >= 2) return true;
  if (dots === 1) {
    const ns = h.split('.')[1];
    return ns !== namespace && !namespaces.includes(ns);
  }
  return false;
}

function hostKnown(
  ctx: ValidationContext,
  host: string,
  namespace: string,
): boolean {
  const parsed = getHost(
    host,
    namespace,
    ctx.namespaceNames,
    ctx.identityDomain,
  );
  if (isWildcardHost(parsed) && twoPartHost(parsed).namespace === namespace)
    return true;
  const name = hostString(parsed);
  if (
    ctx.serviceEntryHosts(namespace).some(h => serviceEntryHostCovers(h, name))
  )
    return true;
  if (
    ctx.virtualServices.some(
      vs =>
        ctx.isVisibleFrom(vs, namespace) &&
        virtualServiceCoversHost(ctx, vs, parsed),
    )
  )
    return true;
  return ctx.isServiceHostVisible(name, namespace);
}

function checkPolicy(
  ctx: ValidationContext,
  ap: IstioObject,
  principals: string[],
  remoteDomains: Set<string>,
): Finding[] {
  const ref = ctx.ref(ap);
  const ns = namespaceOf(ap);
  const out: Finding[] = [];
  (ap.spec?.rules ?? []).forEach((rule: any, r: number) => {
    (rule?.from ?? []).forEach((from: any, f: number) => {
      const source = from?.source ?? {};
      (source.namespaces ?? []).forEach((n: string, i: number) => {
        if (!namespacePatternKnown(n, ctx.namespaceNames))
          out.push(
            finding(
              'KIA0101',
              ref,
              `spec/rules[${r}]/from[${f}]/source/namespaces[${i}]`,
            ),
          );
      });
      (source.principals ?? []).forEach((p: string, i: number) => {
        if (principalKnown(p, principals)) return;
        const path = `spec/rules[${r}]/from[${f}]/source/principals[${i}]`;
        const trustDomain = p.includes('*') ? undefined : p.split('/ns/')[0];
        const foreign =
          !!trustDomain &&
          p.indexOf('/ns/') > 0 &&
          !ctx.trustDomains.includes(trustDomain) &&
          !remoteDomains.has(trustDomain);
        // Kiali's order: another cluster's account first, then a foreign trust domain.
        const code = principalKnown(p, ctx.remotePrincipals)
          ? 'KIA0107'
          : foreign
          ? 'KIA0108'
          : 'KIA0106';
        out.push(finding(code, ref, path));
      });
    });
    (rule?.to ?? []).forEach((to: any, t: number) => {
      const op = to?.operation ?? {};
      (op.methods ?? []).forEach((m: string, i: number) => {
        if (!validMethod(m))
          out.push(
            finding(
              'KIA0102',
              ref,
              `spec/rules[${r}]/to[${t}]/operation/methods[${i}]`,
            ),
          );
      });
      (op.hosts ?? []).forEach((h: string, i: number) => {
        if (
          isHostHeaderMatcher(h, ns, ctx.namespaceNames) ||
          hostKnown(ctx, h, ns)
        )
          return;
        out.push(
          finding(
            'KIA0104',
            ref,
            `spec/rules[${r}]/to[${t}]/operation/hosts[${i}]`,
            ctx.allowAny ? 'warning' : undefined,
          ),
        );
      });
    });
  });
  return out;
}

export const authorizationPolicyChecker: Checker = {
  name: 'NamespaceMethodChecker, NoHostChecker, PrincipalsChecker',
  codes: ['KIA0101', 'KIA0102', 'KIA0104', 'KIA0106', 'KIA0107', 'KIA0108'],
  check(ctx) {
    const principals = clusterPrincipals(ctx.cluster, ctx.objects);
    // Kiali's known trust domains span the mesh: another cluster's domain is not foreign (KIA0108).
    const remoteDomains = new Set(
      ctx.remotePrincipals.map(p => p.split('/ns/')[0]),
    );
    return ctx.authorizationPolicies.flatMap(ap =>
      checkPolicy(ctx, ap, principals, remoteDomains),
    );
  },
};
