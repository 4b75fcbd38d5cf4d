/*
 * Gateway API Gateways (Kiali's K8sGatewayChecker: k8sgateways/multi_match_checker.go and
 * status_checker.go):
 * - KIA1501 a listener with the same hostname, port and protocol as a listener of another Gateway;
 * - KIA1502 an address (type and value) another Gateway also claims;
 * - KIA1503 two listeners of one Gateway with the same hostname, port and protocol;
 * - KIA1504 a class Istio does not implement here (../gatewayClasses, gatewayclass_checker.go);
 * - GWAPI the controller's own verdict: a Gateway or listener condition that reports a problem
 *   (Accepted/Programmed/Ready/ResolvedRefs False, Conflicted/Detached True) with its message —
 *   except the transitional states Kiali stopped flagging in 2026 (Pending, ListenersNotValid,
 *   an address still pending), which are no spec errors.
 */
import { IstioObject } from '../../kube/types';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';

interface Listener {
  name?: string;
  hostname?: string;
  port?: number;
  protocol?: string;
}

const sameListener = (a: Listener, b: Listener) =>
  a.hostname !== undefined &&
  b.hostname !== undefined &&
  a.hostname === b.hostname &&
  a.port === b.port &&
  a.protocol === b.protocol;

const listenersOf = (g: IstioObject): Listener[] => g.spec?.listeners ?? [];

function multiMatchFindings(ctx: ValidationContext): Finding[] {
  const gateways = ctx.k8sGateways;
  return gateways.flatMap(g => {
    // Kiali compares by name only, so equally named Gateways of two namespaces never collide.
    const others = gateways.filter(o => o.metadata.name !== g.metadata.name);
    const out: Finding[] = [];
    ((g.spec?.addresses ?? []) as any[]).forEach(address => {
      const clash = others.some(o =>
        ((o.spec?.addresses ?? []) as any[]).some(
          a =>
            a?.type !== undefined &&
            a.type === address?.type &&
            !!a.value &&
            a.value === address?.value,
        ),
      );
      if (clash)
        out.push(finding('KIA1502', ctx.ref(g), 'spec/addresses/value'));
    });
    listenersOf(g).forEach((listener, index) => {
      if (others.some(o => listenersOf(o).some(l => sameListener(l, listener))))
        out.push(
          finding('KIA1501', ctx.ref(g), `spec/listeners[${index}]/hostname`),
        );
      listenersOf(g).forEach((l, i) => {
        if (l.name !== listener.name && sameListener(l, listener))
          out.push(finding('KIA1503', ctx.ref(g), `spec/listeners[${i}]/name`));
      });
    });
    return out;
  });
}

const PROBLEM_WHEN: Record<string, Record<string, string>> = {
  gateway: {
    Accepted: 'False',
    Programmed: 'False',
    Ready: 'False',
    Scheduled: 'False',
  },
  listener: {
    Accepted: 'False',
    Conflicted: 'True',
    Detached: 'True',
    Programmed: 'False',
    Ready: 'False',
    ResolvedRefs: 'False',
  },
};
const POSITIVE = [
  'Accepted',
  'Programmed',
  'Ready',
  'ResolvedRefs',
  'Scheduled',
];

/** Kiali's isBenignPositiveConditionFalse: a controller still working, not a spec error. */
function benign(c: any): boolean {
  if (c?.status !== 'False' || !POSITIVE.includes(c?.type)) return false;
  if (
    ['Pending', 'ListenersNotValid', 'ListenerSetsNotValid'].includes(c.reason)
  )
    return true;
  return (
    c.reason === 'AddressNotAssigned' &&
    String(c.message ?? '')
      .toLowerCase()
      .includes('address pending')
  );
}

const problem = (c: any, level: 'gateway' | 'listener') =>
  PROBLEM_WHEN[level][c?.type] === c?.status && !benign(c);

function statusFindings(ctx: ValidationContext, g: IstioObject): Finding[] {
  const status = (g as { status?: any }).status ?? {};
  const build = (c: any, path: string): Finding => ({
    code: 'GWAPI',
    severity: 'warning',
    message: `${
      c.message ?? c.reason
    }. GWAPI errors should be changed in the spec.`,
    path,
    object: ctx.ref(g),
  });
  return [
    ...((status.conditions ?? []) as any[]).flatMap((c, i) =>
      problem(c, 'gateway')
        ? [build(c, `status/conditions[${i}]/reason/${c.reason}`)]
        : [],
    ),
    // Kiali's path names the listener's index as a condition index; kept for parity.
    ...((status.listeners ?? []) as any[]).flatMap((l, i) =>
      ((l?.conditions ?? []) as any[]).flatMap(c =>
        problem(c, 'listener')
          ? [build(c, `status/conditions[${i}]/type/${c.reason}`)]
          : [],
      ),
    ),
  ];
}

export const gatewayApiGatewaysChecker: Checker = {
  name: 'K8sGatewayChecker (MultiMatchChecker, StatusChecker)',
  codes: ['KIA1501', 'KIA1502', 'KIA1503', 'KIA1504', 'GWAPI'],
  check(ctx) {
    return [
      ...multiMatchFindings(ctx),
      ...ctx.k8sGateways
        .filter(g => !ctx.gatewayClasses.includes(g.spec?.gatewayClassName))
        .map(g => finding('KIA1504', ctx.ref(g), 'spec/gatewayClassName')),
      ...ctx.k8sGateways.flatMap(g => statusFindings(ctx, g)),
    ];
  },
};
