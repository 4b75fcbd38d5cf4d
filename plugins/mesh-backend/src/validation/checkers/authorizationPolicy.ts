/*
 * AuthorizationPolicy field checks (Kiali's NamespaceMethodChecker, NoHostChecker, PrincipalsChecker):
 * KIA0101 unknown source namespace, KIA0102 non-HTTP method, KIA0104 host not in the registry,
 * KIA0106 principal without a ServiceAccount, KIA0108 principal of an unknown trust domain.
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

function principalKnown(principal: string, serviceAccounts: string[]): boolean {
  if (principal === '*') return true;
  if (principal.startsWith('*') || principal.endsWith('*')) {
    const pattern = new RegExp(
      `^${principal
        .split('*')
        .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return serviceAccounts.some(sa => pattern.test(sa));
  }
  return serviceAccounts.includes(principal);
}

/** SPIFFE principals of the cluster: ServiceAccounts, those pods run as, and every namespace's `default`. */
export function servicePrincipals(ctx: ValidationContext): string[] {
  const accounts = new Set<string>();
  const add = (ns: string, sa: string) =>
    ctx.trustDomains.forEach(td => accounts.add(`${td}/ns/${ns}/sa/${sa}`));
  ctx.objects.serviceAccounts.forEach(sa =>
    add(namespaceOf(sa), sa.metadata.name),
  );
  ctx.workloads.forEach(w => add(w.namespace, w.serviceAccount ?? 'default'));
  ctx.namespaceNames.forEach(ns => add(ns, 'default'));
  return [...accounts];
}

function checkPolicy(
  ctx: ValidationContext,
  ap: IstioObject,
  principals: string[],
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
          !ctx.trustDomains.includes(trustDomain);
        out.push(finding(foreign ? 'KIA0108' : 'KIA0106', ref, path));
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
  codes: ['KIA0101', 'KIA0102', 'KIA0104', 'KIA0106', 'KIA0108'],
  check(ctx) {
    const principals = servicePrincipals(ctx);
    return ctx.authorizationPolicies.flatMap(ap =>
      checkPolicy(ctx, ap, principals),
    );
  },
};
