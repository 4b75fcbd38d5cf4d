/*
 * Withholds, from traces, the spans of workloads whose entity the caller may not read — the trace
 * counterpart of ./redactGraph. A trace through the caller's entity shows who it called; spans of
 * hidden workloads keep their timing, parentage and error flag (the caller's own latency depends on
 * them) but lose service and operation names and tags. A span's workload is told by its pod
 * (`node_id` / `hostname`, sources/tracing/spanWorkload) when it has one, else by its tracing
 * service name: a name is hidden when every workload reporting under it is hidden. The caller's
 * own spans name the hosts they call (operation `ratings.bookinfo.svc.cluster.local:9080/*`,
 * `upstream_cluster`); hosts of Services in front of hidden workloads are cut out of those too, as
 * the graph withholds those Services' nodes.
 */
import { MeshSpan, MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { matchesLabels } from '../kube/labelSelector';
import { Service } from '../kube/types';
import { Workload } from '../kube/workloads';
import { workloadKey } from '../mapping/mapEntity';
import { tracingServiceName } from '../service/traceTargets';
import { spanPod, workloadNamesOfPod } from '../sources/tracing/spanWorkload';
import { CallerScope } from '../scope/ScopeResolver';

export const RESTRICTED_NAME = 'restricted';

export interface TraceRedaction {
  span(span: MeshSpan): MeshSpan;
  summary<S extends MeshTraceSummary>(summary: S): S;
}

export const NO_TRACE_REDACTION: TraceRedaction = {
  span: s => s,
  summary: s => s,
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces `<name>.<namespace>` of hidden hosts (and so their `.svc.cluster.local` forms) in text. */
export function hostScrubber(hosts: string[]): (text: string) => string {
  if (hosts.length === 0) return text => text;
  const pattern = new RegExp(
    `(?<![A-Za-z0-9-])(?:${hosts.map(escapeRegExp).join('|')})(?![A-Za-z0-9-])`,
    'g',
  );
  return text => text.replace(pattern, RESTRICTED_NAME);
}

/** Which spans and tracing service names are hidden, from the inventory and the caller's scope. */
function hiddenSpans(
  scope: CallerScope,
  workloads: Workload[],
  hiddenTraceNames: Set<string>,
) {
  const hidden = (w: Workload) => scope.visibility.isHidden(workloadKey(w));
  const byName = new Map<string, Workload[]>();
  const byPod = new Map<string, Workload>();
  for (const w of workloads) {
    byName.set(tracingServiceName(w), [
      ...(byName.get(tracingServiceName(w)) ?? []),
      w,
    ]);
    for (const p of w.pods) byPod.set(`${w.namespace}/${p.name}`, w);
  }
  const nameHidden = (serviceName: string) => {
    if (hiddenTraceNames.has(serviceName)) return true;
    const reporting = byName.get(serviceName) ?? [];
    return reporting.length === 0
      ? scope.restrictUnresolved
      : reporting.every(hidden);
  };
  const workloadOf = (span: MeshSpan): Workload | undefined => {
    const pod = spanPod(span);
    if (!pod) return undefined;
    const exact = pod.namespace
      ? byPod.get(`${pod.namespace}/${pod.pod}`)
      : undefined;
    const names = workloadNamesOfPod(pod.pod);
    return (
      exact ??
      workloads.find(
        w =>
          names.includes(w.name) &&
          (!pod.namespace || w.namespace === pod.namespace),
      )
    );
  };
  // A focus span (one the entity's lookups match) is hidden too when its workload or service name
  // is: an annotation naming a hidden entity's trace service must not un-hide its spans.
  const spanHidden = (span: MeshSpan) => {
    const w = workloadOf(span);
    if (w) return hidden(w);
    const reporting = byName.get(span.serviceName) ?? [];
    return span.isFocus
      ? hiddenTraceNames.has(span.serviceName) ||
          (reporting.length > 0 && reporting.every(hidden))
      : nameHidden(span.serviceName);
  };
  return {
    hidden,
    nameHidden,
    spanHidden,
    hiddenNames: [...byName.keys()].filter(nameHidden),
  };
}

const anonymousSpan = (s: MeshSpan): MeshSpan => ({
  traceId: s.traceId,
  spanId: s.spanId,
  ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
  serviceName: RESTRICTED_NAME,
  operationName: RESTRICTED_NAME,
  startTimeMicros: s.startTimeMicros,
  durationMicros: s.durationMicros,
  isError: s.isError,
  tags: {},
  ...(s.isFocus !== undefined ? { isFocus: s.isFocus } : {}),
});

/**
 * `hiddenTraceNames`: tracing service names that hidden entities claim by annotation; spans under
 * them are withheld whichever readable entity names them too.
 */
export function traceRedaction(
  scope: CallerScope,
  workloads: Workload[],
  services: Array<Service & { cluster: string }>,
  hiddenTraceNames: Set<string> = new Set(),
): TraceRedaction {
  if (
    scope.visibility.hiddenCount === 0 &&
    !scope.restrictUnresolved &&
    hiddenTraceNames.size === 0
  )
    return NO_TRACE_REDACTION;
  const { hidden, nameHidden, spanHidden, hiddenNames } = hiddenSpans(
    scope,
    workloads,
    hiddenTraceNames,
  );
  const hiddenServices = services.filter(svc =>
    workloads.some(
      w =>
        w.cluster === svc.cluster &&
        w.namespace === svc.metadata.namespace &&
        hidden(w) &&
        !!svc.spec?.selector &&
        matchesLabels(svc.spec.selector, w.podLabels),
    ),
  );
  const scrub = hostScrubber([
    ...hiddenNames,
    ...hiddenServices.map(
      svc => `${svc.metadata.name}.${svc.metadata.namespace}`,
    ),
  ]);
  const scrubTags = (tags: MeshSpan['tags']) =>
    Object.fromEntries(
      Object.entries(tags).map(([k, v]) => [
        k,
        typeof v === 'string' ? scrub(v) : v,
      ]),
    );
  return {
    span: s =>
      spanHidden(s)
        ? anonymousSpan(s)
        : {
            ...s,
            operationName: scrub(s.operationName),
            tags: scrubTags(s.tags),
          },
    summary: s => {
      const rootHidden = nameHidden(s.rootServiceName);
      return {
        ...s,
        rootServiceName: rootHidden ? RESTRICTED_NAME : s.rootServiceName,
        rootOperationName: rootHidden
          ? RESTRICTED_NAME
          : scrub(s.rootOperationName),
        services: [
          ...new Set(
            s.services.map(name => (nameHidden(name) ? RESTRICTED_NAME : name)),
          ),
        ].sort(),
      };
    },
  };
}

/** Every string value of a JSON value, and each word of it and its prefixes before a `-`. */
function wordsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    into.add(value);
    for (const word of value.split(/[^A-Za-z0-9-]+/)) {
      // A pod's name begins with its workload's (`reviews-v1-667b5cc65d-4m24g`).
      const parts = word.split('-');
      for (let i = 1; i <= parts.length; i++)
        into.add(parts.slice(0, i).join('-'));
    }
  } else if (Array.isArray(value)) value.forEach(v => wordsOf(v, into));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => wordsOf(v, into));
  return into;
}

/**
 * What traces (summaries or spans) name, for {@link traceRedaction}: whether a name occurs, and the
 * keys of the workloads whose pod, name, tracing service name (`app.namespace`) or Service host
 * (`name.namespace`) occurs there. A workload not named there cannot change the redacted traces,
 * so the traces view asks the caller's scope about these only (issue 15), not the whole mesh.
 */
export function namedInTraces(
  traces: unknown[],
  workloads: Workload[],
  services: Array<Service & { cluster: string }>,
): { mentions: (name: string) => boolean; workloadKeys: string[] } {
  const words = wordsOf(traces);
  // A superset: every word of `app.namespace` occurs somewhere (where it occurs whole, they do).
  const has = (name: string) =>
    words.has(name) ||
    name.split(/[^A-Za-z0-9-]+/).every(part => part === '' || words.has(part));
  const named = new Set(
    workloads
      .filter(
        w =>
          words.has(w.name) ||
          w.pods.some(p => words.has(p.name)) ||
          has(tracingServiceName(w)),
      )
      .map(workloadKey),
  );
  for (const svc of services)
    if (has(`${svc.metadata.name}.${svc.metadata.namespace ?? 'default'}`))
      for (const key of workloadsSelectedBy(svc, workloads)) named.add(key);
  return { mentions: has, workloadKeys: [...named] };
}

/** Keys of the workloads a Service selects (its cluster and namespace, its label selector). */
export function workloadsSelectedBy(
  svc: Service & { cluster: string },
  workloads: Workload[],
): string[] {
  const selector = svc.spec?.selector;
  if (!selector) return [];
  return workloads
    .filter(
      w =>
        w.cluster === svc.cluster &&
        w.namespace === svc.metadata.namespace &&
        matchesLabels(selector, w.podLabels),
    )
    .map(workloadKey);
}
