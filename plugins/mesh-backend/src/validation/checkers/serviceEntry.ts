/*
 * ServiceEntries and `exportTo` (Kiali's ServiceEntry MultiMatchChecker and ExportToNamespaceChecker):
 * KIA1211 two ServiceEntries declare the same host and port, KIA1212 they do with different protocols,
 * KIA0005 an `exportTo` namespace that does not exist (DestinationRule, VirtualService, ServiceEntry
 * outside ambient namespaces). Kiali also flags `~` (export nowhere), which Istio accepts; we do not.
 */
import { IstioObject } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';
import { perViewFindings } from './common';

function multiMatchFindings(
  ctx: ValidationContext,
  entries: IstioObject[],
): Finding[] {
  const index = new Map<
    string,
    Array<{ se: IstioObject; port: number; protocol: string }>
  >();
  for (const se of entries) {
    ((se.spec?.ports ?? []) as any[]).forEach((port, p) => {
      if (!port) return;
      for (const host of (se.spec?.hosts ?? []) as string[]) {
        const key = `${host.toLowerCase()}|${port.number}`;
        index.set(key, [
          ...(index.get(key) ?? []),
          { se, port: p, protocol: String(port.protocol ?? '').toUpperCase() },
        ]);
      }
    });
  }
  const out: Finding[] = [];
  for (const group of index.values()) {
    if (group.length < 2) continue;
    const code = group.some(g => g.protocol !== group[0].protocol)
      ? 'KIA1212'
      : 'KIA1211';
    group.forEach(g =>
      out.push(finding(code, ctx.ref(g.se), `spec/ports[${g.port}]`)),
    );
  }
  return out;
}

function exportToFindings(ctx: ValidationContext): Finding[] {
  return [
    ...ctx.destinationRules,
    ...ctx.virtualServices,
    ...ctx.serviceEntries,
  ]
    .filter(o => !ctx.isAmbientNamespace(namespaceOf(o)))
    .flatMap(o =>
      ((o.spec?.exportTo ?? []) as string[]).flatMap((ns, i) =>
        ['.', '*', '~'].includes(ns) || ctx.namespaces.has(ns)
          ? []
          : [finding('KIA0005', ctx.ref(o), `spec/exportTo[${i}]`)],
      ),
    );
}

export const serviceEntryChecker: Checker = {
  name: 'ServiceEntry MultiMatchChecker, ExportToNamespaceChecker',
  codes: ['KIA1211', 'KIA1212', 'KIA0005'],
  check(ctx) {
    return [
      ...perViewFindings(ctx, ctx.serviceEntries, visible =>
        multiMatchFindings(ctx, visible),
      ),
      ...exportToFindings(ctx),
    ];
  },
};
