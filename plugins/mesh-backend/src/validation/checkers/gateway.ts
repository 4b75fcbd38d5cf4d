/*
 * Istio Gateways (Kiali's MultiMatchChecker and SelectorChecker for gateways): KIA0301 two Gateways
 * with the same selector expose the same host on the same port, KIA0302 the selector matches no
 * workload (in the Gateway's namespace only under PILOT_SCOPE_GATEWAY_TO_NAMESPACE).
 *
 * `*.example.com` overlaps `api.example.com` here; Kiali's regular expression only catches equal names
 * and `*`, so we may warn where it does not.
 */
import { matchesLabels } from '../../kube/labelSelector';
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { withinWildcard } from '../hostNames';
import { Checker, Finding } from '../types';

interface ServerHost {
  gateway: IstioObject;
  path: string;
  host: string;
  targetNamespace: string;
  port: number;
}

function serverHosts(gw: IstioObject): ServerHost[] {
  return ((gw.spec?.servers ?? []) as any[]).flatMap((server, s) =>
    ((server?.hosts ?? []) as string[]).map((raw, h) => {
      const [ns, host] = raw.includes('/') ? raw.split('/', 2) : ['*', raw];
      return {
        gateway: gw,
        path: `spec/servers[${s}]/hosts[${h}]`,
        host: host.toLowerCase(),
        targetNamespace: ns === '.' ? namespaceOf(gw) : ns,
        port: server?.port?.number ?? 0,
      };
    }),
  );
}

function hostsClash(a: ServerHost, b: ServerHost): boolean {
  if (
    a.targetNamespace !== b.targetNamespace &&
    a.targetNamespace !== '*' &&
    b.targetNamespace !== '*'
  )
    return false;
  if (a.host === '*' || b.host === '*' || a.host === b.host) return true;
  if (a.host.startsWith('*.') && b.host.startsWith('*.')) return false;
  return withinWildcard(a.host, b.host) || withinWildcard(b.host, a.host);
}

function multiMatchFindings(ctx: ValidationContext): Finding[] {
  const groups = new Map<string, ServerHost[]>();
  for (const gw of ctx.gateways) {
    const selector = JSON.stringify(
      Object.entries(gw.spec?.selector ?? {}).sort(),
    );
    for (const host of serverHosts(gw)) {
      const key = `${selector}|${host.port}`;
      groups.set(key, [...(groups.get(key) ?? []), host]);
    }
  }
  const out: Finding[] = [];
  for (const hosts of groups.values()) {
    hosts.forEach((a, i) =>
      hosts.slice(i + 1).forEach(b => {
        if (a.gateway === b.gateway || !hostsClash(a, b)) return;
        out.push(
          finding('KIA0301', ctx.ref(a.gateway), a.path),
          finding('KIA0301', ctx.ref(b.gateway), b.path),
        );
      }),
    );
  }
  return out;
}

function selectorFindings(ctx: ValidationContext): Finding[] {
  return ctx.gateways.flatMap(gw => {
    const selector: Record<string, string> = gw.spec?.selector ?? {};
    const candidates = ctx.gatewayToNamespace
      ? ctx.workloadsIn(namespaceOf(gw))
      : ctx.workloads;
    return candidates.some(w => matchesLabels(selector, w.podLabels))
      ? []
      : [finding('KIA0302', ctx.ref(gw), 'spec/selector')];
  });
}

export const gatewayChecker: Checker = {
  name: 'Gateway MultiMatchChecker, SelectorChecker',
  codes: ['KIA0301', 'KIA0302'],
  check(ctx) {
    return [...multiMatchFindings(ctx), ...selectorFindings(ctx)];
  },
};
