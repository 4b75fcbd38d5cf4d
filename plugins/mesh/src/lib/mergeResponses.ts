/*
 * A System's mesh view is the union of its Components' views: the backend answers per mapped
 * entity, and these pure functions merge the answers. Objects that several Components share (a
 * caller of two of them, a namespace policy) appear once.
 */
import {
  MeshConfigObject,
  MeshEntityConfigResponse,
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
  MeshEntitySecurityResponse,
  MeshEntityTraceSummary,
  MeshEntityTracesResponse,
  mergeHealth,
  MeshHealth,
  MeshSourceError,
  MeshTrafficMtls,
  MeshValidationSummary,
} from '@mesh-portal/plugin-mesh-common';

/** One Component's answer, tagged with the Component it is for. */
export interface MemberAnswer<T> {
  entityRef: string;
  value: T;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function mergeErrors(lists: MeshSourceError[][]): MeshSourceError[] {
  return uniqueBy(
    lists.flat(),
    e => `${e.source}|${e.cluster}|${e.errorType}|${e.message}`,
  );
}

/** A merged graph, plus which Component's graph each node and edge came from (for series queries). */
export type MergedGraph = MeshEntityGraphResponse & {
  /** Node or edge id → ref of a Component whose graph contains it. */
  origin: Record<string, string>;
};

export function mergeGraphs(
  systemRef: string,
  answers: MemberAnswer<MeshEntityGraphResponse>[],
): MergedGraph {
  const origin: Record<string, string> = {};
  const nodes = new Map<string, MeshEntityGraphResponse['nodes'][number]>();
  const edges = new Map<string, MeshEntityGraphResponse['edges'][number]>();
  for (const { entityRef, value } of answers) {
    for (const node of value.nodes) {
      const seen = nodes.get(node.id);
      // A node is the System's own when it is any member's own.
      nodes.set(
        node.id,
        seen ? { ...seen, isFocus: seen.isFocus || node.isFocus } : node,
      );
      origin[node.id] ??= entityRef;
    }
    for (const edge of value.edges) {
      if (!edges.has(edge.id)) edges.set(edge.id, edge);
      origin[edge.id] ??= entityRef;
    }
  }
  const first = answers[0]?.value;
  return {
    graphType: first?.graphType ?? 'workload',
    windowSeconds: first?.windowSeconds ?? 0,
    timestamp: first?.timestamp ?? new Date(0).toISOString(),
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    errors: mergeErrors(answers.map(a => a.value.errors)),
    mapping: {
      entityRef: systemRef,
      labelSelector: answers.map(a => a.value.mapping.labelSelector).join('; '),
      workloads: answers.flatMap(a => a.value.mapping.workloads),
      errors: mergeErrors(answers.map(a => a.value.mapping.errors)),
    },
    origin,
  };
}

const NO_DATA: MeshHealth = { status: 'no-data', reasons: [] };

export function mergeHealthAnswers(
  systemRef: string,
  answers: MemberAnswer<MeshEntityHealthResponse>[],
): MeshEntityHealthResponse {
  const items = uniqueBy(
    answers.flatMap(a => a.value.items),
    i => `${i.kind}|${i.cluster}|${i.namespace}|${i.name}`,
  );
  return {
    entityRef: systemRef,
    windowSeconds: answers[0]?.value.windowSeconds ?? 0,
    timestamp: answers[0]?.value.timestamp ?? new Date(0).toISOString(),
    health: answers.map(a => a.value.health).reduce(mergeHealth, NO_DATA),
    items,
    errors: mergeErrors(answers.map(a => a.value.errors)),
  };
}

function sumTraffic(list: MeshTrafficMtls[]): MeshTrafficMtls {
  const sum = (key: keyof MeshTrafficMtls) =>
    list.reduce((total, t) => total + (t[key] ?? 0), 0);
  const total: MeshTrafficMtls = {
    requestsPerSecond: sum('requestsPerSecond'),
    reportedRequestsPerSecond: sum('reportedRequestsPerSecond'),
    mtlsRequestsPerSecond: sum('mtlsRequestsPerSecond'),
    bytesPerSecond: sum('bytesPerSecond'),
    reportedBytesPerSecond: sum('reportedBytesPerSecond'),
    mtlsBytesPerSecond: sum('mtlsBytesPerSecond'),
  };
  if (total.reportedRequestsPerSecond > 0) {
    total.requestMtlsShare =
      total.mtlsRequestsPerSecond / total.reportedRequestsPerSecond;
  }
  if (total.reportedBytesPerSecond > 0) {
    total.bytesMtlsShare =
      total.mtlsBytesPerSecond / total.reportedBytesPerSecond;
  }
  return total;
}

/**
 * Components' workloads are disjoint, so inbound traffic of the System's workloads is the sum of
 * the Components' inbound traffic (calls between them included: they are inbound to a workload).
 */
export function mergeSecurityAnswers(
  systemRef: string,
  answers: MemberAnswer<MeshEntitySecurityResponse>[],
): MeshEntitySecurityResponse {
  const values = answers.map(a => a.value);
  return {
    entityRef: systemRef,
    windowSeconds: values[0]?.windowSeconds ?? 0,
    timestamp: values[0]?.timestamp ?? new Date(0).toISOString(),
    clusters: uniqueBy(
      values.flatMap(v => v.clusters),
      c => c.cluster,
    ),
    namespaces: uniqueBy(
      values.flatMap(v => v.namespaces),
      n => `${n.cluster}/${n.namespace}`,
    ),
    workloads: uniqueBy(
      values.flatMap(v => v.workloads),
      w => `${w.cluster}/${w.namespace}/${w.name}`,
    ),
    traffic: {
      inbound: sumTraffic(values.map(v => v.traffic.inbound)),
      outbound: sumTraffic(values.map(v => v.traffic.outbound)),
      plaintextEdges: uniqueBy(
        values.flatMap(v => v.traffic.plaintextEdges),
        e =>
          `${e.source.cluster}/${e.source.namespace}/${e.source.name}->${e.destination.cluster}/${e.destination.namespace}/${e.destination.name}:${e.protocol}`,
      ),
    },
    errors: mergeErrors(values.map(v => v.errors)),
  };
}

const objectKey = ({ ref }: MeshConfigObject) =>
  `${ref.cluster}/${ref.namespace}/${ref.group}/${ref.kind}/${ref.name}`;

export function summarizeConfig(
  objects: MeshConfigObject[],
): MeshValidationSummary {
  const checks = objects.flatMap(o => o.checks);
  return {
    objects: objects.length,
    invalidObjects: objects.filter(o => !o.valid).length,
    errors: checks.filter(c => c.severity === 'error').length,
    warnings: checks.filter(c => c.severity === 'warning').length,
    infos: checks.filter(c => c.severity === 'info').length,
  };
}

export function mergeConfigAnswers(
  systemRef: string,
  answers: MemberAnswer<MeshEntityConfigResponse>[],
): MeshEntityConfigResponse {
  const byKey = new Map<string, MeshConfigObject>();
  for (const object of answers.flatMap(a => a.value.objects)) {
    const seen = byKey.get(objectKey(object));
    byKey.set(
      objectKey(object),
      seen
        ? {
            ...seen,
            relations: [...new Set([...seen.relations, ...object.relations])],
            checks: uniqueBy(
              [...seen.checks, ...object.checks],
              c => `${c.code}|${c.path}|${c.message}`,
            ),
            valid: seen.valid && object.valid,
          }
        : object,
    );
  }
  const objects = [...byKey.values()];
  return {
    entityRef: systemRef,
    objects,
    summary: summarizeConfig(objects),
    ignoredCodes: [
      ...new Set(answers.flatMap(a => a.value.ignoredCodes)),
    ].sort(),
    errors: mergeErrors(answers.map(a => a.value.errors)),
  };
}

/** A System's traces, each remembering a Component it was found through (to open it later). */
export type MergedTraces = MeshEntityTracesResponse & {
  origin: Record<string, string>;
};

export function mergeTraceAnswers(
  systemRef: string,
  answers: MemberAnswer<MeshEntityTracesResponse>[],
): MergedTraces {
  const origin: Record<string, string> = {};
  const traces = new Map<string, MeshEntityTraceSummary>();
  for (const { entityRef, value } of answers) {
    for (const trace of value.traces) {
      if (!traces.has(trace.traceId)) traces.set(trace.traceId, trace);
      origin[trace.traceId] ??= entityRef;
    }
  }
  const first = answers[0]?.value;
  const limit = first?.limit ?? traces.size;
  return {
    entityRef: systemRef,
    serviceNames: [...new Set(answers.flatMap(a => a.value.serviceNames))],
    lookbackSeconds: first?.lookbackSeconds ?? 0,
    limit,
    minDurationMicros: first?.minDurationMicros,
    errorsOnly: first?.errorsOnly ?? false,
    traces: [...traces.values()]
      .sort((a, b) => b.startTimeMicros - a.startTimeMicros)
      .slice(0, limit),
    warnings: [...new Set(answers.flatMap(a => a.value.warnings))],
    errors: mergeErrors(answers.map(a => a.value.errors)),
    origin,
  };
}
