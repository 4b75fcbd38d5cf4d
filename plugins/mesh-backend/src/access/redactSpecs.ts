/*
 * Withholds, from Istio object specs (the /workloads and /config views), the names of what the
 * caller may not see: Services in front of hidden workloads (as hosts `name`, `name.namespace`,
 * `name.namespace.svc.cluster.local`), hidden workloads' names and app labels, and their service
 * accounts (as principals `…/ns/<namespace>/sa/<account>`). An AuthorizationPolicy of the
 * caller's own service that allows a hidden caller, or a VirtualService that routes to a hidden
 * Service, then still shows its shape, but not whom it names. Rule as in ./redactGraph.
 */
import { matchesLabels } from '../kube/labelSelector';
import { Service } from '../kube/types';
import { Workload } from '../kube/workloads';
import { workloadKey } from '../mapping/mapEntity';
import { WorkloadVisibility } from '../scope/ownedWorkloads';
import {
  hostScrubber,
  RESTRICTED_NAME,
  workloadsSelectedBy,
} from './redactTraces';

export type SpecRedactor = <T>(value: T, namespace: string) => T;

export const NO_SPEC_REDACTION: SpecRedactor = value => value;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function specRedactor(
  visibility: WorkloadVisibility,
  workloads: Workload[],
  services: Array<Service & { cluster: string }>,
): SpecRedactor {
  if (visibility.hiddenCount === 0) return NO_SPEC_REDACTION;
  const hidden = workloads.filter(w => visibility.isHidden(workloadKey(w)));
  const hiddenServices = services.filter(svc =>
    hidden.some(
      w =>
        w.cluster === svc.cluster &&
        w.namespace === svc.metadata.namespace &&
        !!svc.spec?.selector &&
        matchesLabels(svc.spec.selector, w.podLabels),
    ),
  );
  // Short names are only meaningful inside their namespace (a host `reviews` in a bookinfo object).
  const shortNames = new Map<string, Set<string>>();
  const addShort = (namespace: string, name: string | undefined) => {
    if (!name) return;
    shortNames.set(
      namespace,
      (shortNames.get(namespace) ?? new Set()).add(name),
    );
  };
  for (const w of hidden) {
    addShort(w.namespace, w.name);
    addShort(w.namespace, w.podLabels.app);
    addShort(w.namespace, w.podLabels['app.kubernetes.io/name']);
  }
  for (const svc of hiddenServices)
    addShort(svc.metadata.namespace ?? 'default', svc.metadata.name);
  const scrubHosts = hostScrubber(
    hiddenServices.map(
      svc => `${svc.metadata.name}.${svc.metadata.namespace ?? 'default'}`,
    ),
  );
  const accounts = hidden
    .filter(w => w.serviceAccount)
    .map(w => `ns/${w.namespace}/sa/${w.serviceAccount}`);
  const principals = accounts.length
    ? new RegExp(
        `(?:${accounts.map(escapeRegExp).join('|')})(?![A-Za-z0-9-])`,
        'g',
      )
    : undefined;
  const text = (value: string, namespace: string): string => {
    if (shortNames.get(namespace)?.has(value)) return RESTRICTED_NAME;
    const hosts = scrubHosts(value);
    return principals ? hosts.replace(principals, RESTRICTED_NAME) : hosts;
  };
  const walk = (value: unknown, namespace: string): unknown => {
    if (typeof value === 'string') return text(value, namespace);
    if (Array.isArray(value)) return value.map(v => walk(v, namespace));
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, walk(v, namespace)]),
      );
    return value;
  };
  return (value, namespace) => walk(value, namespace) as typeof value;
}

/** Every string in a JSON value. */
function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach(v => stringsOf(v, into));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => stringsOf(v, into));
  return into;
}

const WORD = /^[A-Za-z0-9-]+$/;

/**
 * Keys of the workloads whose names {@link specRedactor} could withhold from these specs: a
 * workload's name, app labels or service account, or the name of a Service in front of it, occurs
 * in them. A workload not named there cannot change the redacted specs, so a view asks the caller's
 * scope about its own workloads and these only (issue 15), not about every workload of the mesh.
 */
export function workloadsNamedIn(
  specs: unknown[],
  workloads: Workload[],
  services: Array<Service & { cluster: string }>,
): string[] {
  const strings = stringsOf(specs);
  // Whole values (short names) and the words of every value (hosts, principals) — the redactor
  // matches names bounded by characters outside [A-Za-z0-9-] only.
  const words = new Set(strings);
  for (const s of strings)
    for (const w of s.split(/[^A-Za-z0-9-]+/)) if (w) words.add(w);
  const text = strings.join('\n');
  const occurs = (name: string | undefined) =>
    !!name && (WORD.test(name) ? words.has(name) : text.includes(name));
  const named = new Set(
    workloads
      .filter(
        w =>
          occurs(w.name) ||
          occurs(w.podLabels.app) ||
          occurs(w.podLabels['app.kubernetes.io/name']) ||
          occurs(w.serviceAccount),
      )
      .map(workloadKey),
  );
  for (const svc of services)
    if (occurs(svc.metadata.name))
      for (const key of workloadsSelectedBy(svc, workloads)) named.add(key);
  return [...named];
}
