/*
 * Demo traces consistent with the demo's traffic: each sampled request walks the same routing as
 * the metrics (VirtualService weights, fault injection, endpoints), takes latencies from the same
 * distributions and fails with the same shares. Spans are emitted only by proxies that trace in
 * Istio — sidecars and gateways — so ambient hops without a waypoint leave no spans, as in a real
 * mesh. Traces are regenerated from their id (no storage): the id encodes entry and time slot.
 */
import {
  MeshSpan,
  MeshTrace,
  MeshTraceSummary,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../../kube/workloads';
import { summarize } from '../tracing/summarize';
import { SourceResult, TraceQuery, TraceSource } from '../types';
import { DemoMesh } from './DemoMesh';
import { behaviourKey, DemoBehaviour, DemoCall, DemoEntry } from './model';
import { demoBehaviours } from './traffic/flows';
import { normalQuantile, pickWeighted, prng } from './traffic/random';
import { RoutingTable } from './traffic/routing';

/** Share of requests traced: Istio's default sampling of 1%. */
export const TRACE_SAMPLING = 0.01;
/** Upper bound of traces generated to answer one search, whatever the lookback. */
export const MAX_TRACES_SCANNED = 5000;
const MAX_DEPTH = 8;
const Z99 = 2.3263478740408408;

interface Entry extends DemoEntry {
  index: number;
  intervalSeconds: number;
}

interface TraceContext {
  traceId: string;
  random: () => number;
  spans: MeshSpan[];
  newId: () => string;
}

export class DemoTraceSource implements TraceSource {
  private readonly routing: RoutingTable;
  private readonly behaviours: Map<string, DemoBehaviour>;
  private readonly entries: Entry[];

  constructor(private readonly mesh: DemoMesh) {
    this.routing = new RoutingTable(mesh.objects, mesh.workloads);
    this.behaviours = demoBehaviours(mesh.model);
    this.entries = mesh.model.apps
      .flatMap(a => a.entries)
      .map((e, index) => ({
        ...e,
        index,
        intervalSeconds: 1 / (e.rps * TRACE_SAMPLING),
      }));
  }

  async findTraces(
    query: TraceQuery,
  ): Promise<SourceResult<MeshTraceSummary[]>> {
    const end = query.end.getTime() / 1000;
    const start = end - query.lookbackSeconds;
    const found: MeshTraceSummary[] = [];
    let scanned = 0;
    // Walk back in time over every entry's sampled slots, newest first.
    const cursors = this.entries.map(e => ({
      e,
      slot: Math.floor(end / e.intervalSeconds),
    }));
    const at = (c: { e: Entry; slot: number }) => c.slot * c.e.intervalSeconds;
    while (
      found.length < query.limit &&
      scanned < MAX_TRACES_SCANNED &&
      cursors.length > 0
    ) {
      cursors.sort((a, b) => at(b) - at(a));
      const next = cursors[0];
      if (at(next) < start) break;
      const trace = this.generate(next.e, next.slot);
      next.slot -= 1;
      scanned++;
      if (!trace.spans.some(s => s.serviceName === query.serviceName)) continue;
      const summary = summarize(trace);
      if (
        query.minDurationMicros &&
        summary.durationMicros < query.minDurationMicros
      )
        continue;
      if (query.errorsOnly && summary.errorCount === 0) continue;
      found.push(summary);
    }
    return { value: found, errors: [] };
  }

  async getTrace(
    traceId: string,
  ): Promise<SourceResult<MeshTrace | undefined>> {
    const m = /^([0-9a-f]{4})([0-9a-f]{12})[0-9a-f]{16}$/.exec(traceId);
    const entry = m ? this.entries[parseInt(m[1], 16)] : undefined;
    if (!m || !entry) return { value: undefined, errors: [] };
    const trace = this.generate(entry, parseInt(m[2], 16));
    const found = trace.traceId === traceId && trace.spans.length > 0;
    return { value: found ? trace : undefined, errors: [] };
  }

  private generate(entry: Entry, slot: number): MeshTrace {
    const traceId = `${hex(entry.index, 4)}${hex(slot, 12)}${hex(
      slot * 2654435761 + entry.index,
      16,
    )}`;
    const random = prng(slot * 7919 + entry.index * 104729);
    const spans: MeshSpan[] = [];
    let counter = 0;
    const newId = () => `${hex(slot, 8)}${hex(++counter, 8)}`;
    const client = this.mesh.workloads.find(
      w =>
        w.namespace === entry.from.namespace && w.name === entry.from.workload,
    );
    if (client) {
      const startMicros = Math.round(slot * entry.intervalSeconds * 1e6);
      const call: DemoCall = {
        service: entry.service,
        namespace: entry.namespace,
        perRequest: 1,
      };
      this.callService(client, call, undefined, startMicros, 0, {
        traceId,
        random,
        spans,
        newId,
      });
    }
    return { traceId, spans };
  }

  /** One call from `client` to a service: a client span (if traced), then the server's work. Returns its duration. */
  private callService(
    client: Workload,
    call: DemoCall,
    parentId: string | undefined,
    startMicros: number,
    depth: number,
    ctx: TraceContext,
  ): number {
    const route = call.external
      ? this.routing.resolveExternal(call.service)
      : this.routing.resolve(call.service, call.namespace ?? client.namespace);
    if (!route) return 0;
    const port = route.service.spec?.ports?.[0]?.port ?? 80;
    const operation = `${route.host}:${port}/*`;
    const clientSpanId = traced(client) ? ctx.newId() : undefined;
    const clientSpan = (
      durationMicros: number,
      status: string,
      isError: boolean,
    ) => {
      if (!clientSpanId) return;
      ctx.spans.push(
        span(
          ctx.traceId,
          clientSpanId,
          parentId,
          client,
          operation,
          startMicros,
          durationMicros,
          isError,
          {
            'span.kind': 'client',
            'http.status_code': status,
            upstream_cluster: `outbound|${port}||${route.host}`,
          },
        ),
      );
    };
    if (route.external) {
      // Leaving the mesh: only the client's sidecar sees it (TLS passthrough: no status code).
      const duration = sampleLatencyMicros(
        { latency: { medianMs: 40, p99Ms: 400 } },
        ctx.random(),
      );
      clientSpan(duration, '', false);
      return duration;
    }
    if (
      route.protocol !== 'tcp' &&
      route.abort &&
      ctx.random() < route.abort.share
    ) {
      clientSpan(300, String(route.abort.httpStatus ?? 503), true);
      return 300;
    }
    const split =
      route.splits[
        pickWeighted(
          route.splits.map(s => s.weight),
          ctx.random(),
        )
      ];
    if (!split || split.workloads.length === 0) return 0;
    const server =
      split.workloads[
        pickWeighted(
          split.workloads.map(w => w.share),
          ctx.random(),
        )
      ].workload;
    const behaviour = this.behaviours.get(
      behaviourKey(server.namespace, server.name),
    );
    const serverStart = startMicros + 500;
    const serverSpanId = traced(server) ? ctx.newId() : undefined;
    const own = sampleLatencyMicros(behaviour, ctx.random());
    let cursor = serverStart + Math.round(own / 2);
    if (depth < MAX_DEPTH) {
      for (const next of behaviour?.calls ?? []) {
        const times =
          Math.floor(next.perRequest) +
          (ctx.random() < next.perRequest % 1 ? 1 : 0);
        for (let i = 0; i < times; i++) {
          const parent = serverSpanId ?? clientSpanId ?? parentId;
          cursor += this.callService(
            server,
            next,
            parent,
            cursor,
            depth + 1,
            ctx,
          );
        }
      }
    }
    const serverDuration = cursor - serverStart + Math.round(own / 2);
    const errorCode = pickError(behaviour, ctx.random());
    const grpc = route.protocol === 'grpc';
    const status = errorCode && !grpc ? errorCode : '200';
    if (serverSpanId) {
      const pod = server.pods[0]?.name ?? server.name;
      ctx.spans.push(
        span(
          ctx.traceId,
          serverSpanId,
          clientSpanId ?? parentId,
          server,
          operation,
          serverStart,
          serverDuration,
          !!errorCode,
          {
            'span.kind': 'server',
            'http.status_code': status,
            node_id: `sidecar~10.0.0.1~${pod}.${server.namespace}~${server.namespace}.svc.cluster.local`,
            ...(grpc ? { 'grpc.status_code': errorCode ?? '0' } : {}),
          },
        ),
      );
    }
    clientSpan(serverDuration + 1000, status, !!errorCode);
    return serverDuration + 1000;
  }
}

const traced = (w: Workload) =>
  w.dataplane === 'sidecar' || w.dataplane === 'gateway';

const hex = (n: number, width: number) =>
  (Math.abs(Math.floor(n)) % 16 ** Math.min(width, 13))
    .toString(16)
    .padStart(width, '0');

function sampleLatencyMicros(
  behaviour: DemoBehaviour | undefined,
  u: number,
): number {
  const { medianMs, p99Ms } = behaviour?.latency ?? { medianMs: 5, p99Ms: 50 };
  const sigma = Math.log(p99Ms / medianMs) / Z99;
  return Math.round(
    Math.exp(Math.log(medianMs) + sigma * normalQuantile(u)) * 1000,
  );
}

function pickError(
  behaviour: DemoBehaviour | undefined,
  u: number,
): string | undefined {
  let acc = 0;
  for (const [code, share] of Object.entries(behaviour?.errors ?? {})) {
    acc += share;
    if (u < acc) return code;
  }
  return undefined;
}

function span(
  traceId: string,
  spanId: string,
  parentSpanId: string | undefined,
  w: Workload,
  operationName: string,
  startTimeMicros: number,
  durationMicros: number,
  isError: boolean,
  tags: MeshSpan['tags'],
): MeshSpan {
  const app = w.podLabels.app ?? w.podLabels.name ?? w.name;
  return {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    // Istio's default tracing service name: <app label>.<namespace>.
    serviceName: `${app}.${w.namespace}`,
    operationName,
    startTimeMicros,
    durationMicros,
    isError,
    tags: { ...tags, component: 'proxy', ...(isError ? { error: true } : {}) },
  };
}
