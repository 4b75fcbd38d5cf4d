/*
 * Last step: the internal map becomes the API's MeshGraph — sorted for stable output (golden files,
 * diffs) and rounded like Kiali (rates to 0.001). Written as sliced work (./slicedWork): for a whole
 * mesh of 25,000 edges it is ~0.2 s of computation, which a mesh model's snapshot preparation runs
 * a few milliseconds at a time.
 */
import {
  MeshEdge,
  MeshGraph,
  MeshNode,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { edgeRps, isErrorCode, TrafficMap } from './types';
import { codeRecord, sumOfCodes } from './codeRecord';
import { eachSliced, finish, mapSliced, SlicedWork } from './slicedWork';

const round = (v: number, digits: number) =>
  Math.round(v * 10 ** digits) / 10 ** digits;

export function toWireGraph(
  map: TrafficMap,
  windowSeconds: number,
  time: Date,
  errors: MeshSourceError[],
): MeshGraph {
  return finish(toWireGraphOf(map, windowSeconds, time, errors));
}

/** {@link toWireGraph}, yielding between nodes and between edges. */
export function* toWireGraphOf(
  map: TrafficMap,
  windowSeconds: number,
  time: Date,
  errors: MeshSourceError[],
): SlicedWork<MeshGraph> {
  const outRps = new Map<string, number>();
  const inRps = new Map<string, number>();
  const inFlags = new Map<string, Record<string, number>>();
  yield* eachSliced(map.edges.values(), e => {
    const rps = edgeRps(e);
    outRps.set(e.source, (outRps.get(e.source) ?? 0) + rps);
    inRps.set(e.target, (inRps.get(e.target) ?? 0) + rps);
    for (const flag in e.responseFlags) {
      if (!Object.hasOwn(e.responseFlags, flag)) continue;
      let flags = inFlags.get(e.target);
      if (!flags) inFlags.set(e.target, (flags = {}));
      flags[flag] = (flags[flag] ?? 0) + e.responseFlags[flag];
    }
  });
  const nodes: MeshNode[] = yield* mapSliced(
    [...map.nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    n => {
      const { health, ...rest } = n;
      const node: MeshNode = {
        ...rest,
        health: health ?? { status: 'no-data', reasons: [] },
      };
      if (node.health.errorRatio !== undefined) {
        node.health = {
          ...node.health,
          errorRatio: round(node.health.errorRatio, 4),
        };
      }
      if (inRps.get(n.id)) node.rpsIn = round(inRps.get(n.id)!, 3);
      if (outRps.get(n.id)) node.rpsOut = round(outRps.get(n.id)!, 3);
      const flags = roundedFlags(inFlags.get(n.id));
      if (flags) node.responseFlags = flags;
      return stripUndefined(node);
    },
  );
  const edges: MeshEdge[] = yield* mapSliced(
    [...map.edges.values()].sort((a, b) => a.id.localeCompare(b.id)),
    e => {
      const rps = edgeRps(e);
      const errorRps = sumOfCodes(e.responses, code =>
        isErrorCode(e.protocol, code),
      );
      const edge: MeshEdge = {
        id: e.id,
        source: e.source,
        target: e.target,
        protocol: e.protocol,
        rps: round(rps, 3),
        errorRate: rps > 0 ? round(errorRps / rps, 4) : 0,
      };
      if (e.securityReportedRate > 0)
        edge.mtls = round(e.mtlsRate / e.securityReportedRate, 3);
      if (e.latency) {
        edge.latency = Object.fromEntries(
          Object.entries(e.latency).map(([k, v]) => [k, round(v!, 1)]),
        );
      }
      if (e.l4Only) edge.l4Only = true;
      if (e.protocol === 'tcp')
        edge.bytesPerSecond = round(e.bytesSent + e.bytesReceived, 1);
      if (rps > 0) {
        edge.responses = codeRecord(
          Object.entries(e.responses)
            .sort()
            .map(([code, r]) => [code, round(r, 3)]),
        );
        const flags = roundedFlags(e.responseFlags);
        if (flags) edge.responseFlags = flags;
        const sourceOut = outRps.get(e.source) ?? 0;
        if (sourceOut > 0) edge.shareOfSource = round(rps / sourceOut, 3);
      }
      return edge;
    },
  );
  return {
    graphType: map.graphType,
    windowSeconds,
    timestamp: time.toISOString(),
    nodes,
    edges,
    errors,
  };
}

/** Flags sorted and rounded like rates; undefined when no request carried one. */
function roundedFlags(
  flags: Record<string, number> | undefined,
): Record<string, number> | undefined {
  const entries = Object.entries(flags ?? {})
    .map(([flag, rate]) => [flag, round(rate, 3)] as const)
    .filter(([, rate]) => rate > 0)
    .sort((a, b) => a[0].localeCompare(b[0]));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(
    Object.entries(obj).filter(([, v]) => v !== undefined),
  ) as T;
}
