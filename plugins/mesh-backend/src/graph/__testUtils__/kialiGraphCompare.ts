/*
 * Kiali's graph (Cytoscape JSON) and ours (MeshGraph) in one comparable form, and their
 * differences. Nodes are compared by identity — type, cluster, namespace and the names that make
 * the node (workload; app; app, version and workload; service) — edges by their ends and protocol.
 * Kiali rounds rates to 2 decimals and percentages to 1, so values match within that rounding.
 */
import { MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import { foldInjectedServices } from './foldInjectedServices';

export interface ComparableNode {
  key: string;
  type: string;
  app?: string;
  version?: string;
  /** Kiali's node flags that have an equivalent or a stated difference: isRoot, isOutside, … */
  flags: string[];
  /** Requests/s in and out (HTTP and gRPC). */
  rpsIn: number;
  rpsOut: number;
  /** Protocols of the node's traffic (Kiali's graph only: ours has request totals). */
  protocols: string[];
}

export interface ComparableEdge {
  key: string;
  protocol: string;
  /** Requests/s (HTTP, gRPC) or bytes/s (TCP). */
  rate: number;
  /** Share of the source's outgoing rate of this protocol, in percent (Kiali's `httpPercentReq`). */
  percentReq?: number;
  /** Share of the edge's requests that failed, in percent (Kiali's `httpPercentErr`). */
  percentErr: number;
  /** Requests/s per response code (HTTP, gRPC). */
  codes: Record<string, number>;
  /** Requests/s per Envoy response flag, `-` (none) left out. */
  flags: Record<string, number>;
}

export interface ComparableGraph {
  nodes: Map<string, ComparableNode>;
  edges: Map<string, ComparableEdge>;
}

export interface GraphDifference {
  kind:
    | 'node-missing'
    | 'node-extra'
    | 'node-attribute'
    | 'node-flag'
    | 'node-rate'
    | 'edge-missing'
    | 'edge-extra'
    | 'edge-rate'
    | 'edge-percent'
    | 'edge-codes'
    | 'edge-flags';
  /** The node or edge key. */
  subject: string;
  kiali?: string;
  ours?: string;
}

const KIALI_FLAGS = ['isRoot', 'isOutside', 'isInaccessible', 'isWaypoint'];

function nodeKey(
  type: string,
  cluster: string,
  namespace: string,
  name: string,
): string {
  return `${type} ${cluster}/${namespace}/${name}`;
}

/** `app` nodes of a versioned-app graph are one per workload (the version is compared apart). */
function versionedName(app: string, wl: string) {
  return `${app} (${wl})`;
}

export function fromKiali(
  raw: any,
  { injectServiceNodes }: { injectServiceNodes: boolean },
): ComparableGraph {
  const json = injectServiceNodes ? foldInjectedServices(raw) : raw;
  const nodes = new Map<string, ComparableNode>();
  const keyOfId = new Map<string, string>();
  for (const { data: d } of json.elements.nodes ?? []) {
    let name: string;
    if (d.nodeType === 'box') name = `box:${d.isBox}:${d.app ?? ''}`;
    else if (d.nodeType === 'workload' || d.nodeType === 'unknown')
      name = d.workload;
    else if (d.nodeType === 'app')
      name = d.workload ? versionedName(d.app, d.workload) : d.app;
    else name = d.service;
    const key = nodeKey(d.nodeType, d.cluster, d.namespace, name);
    keyOfId.set(d.id, key);
    nodes.set(key, {
      key,
      type: d.nodeType,
      app: d.app,
      version: d.version,
      flags: KIALI_FLAGS.filter(f => d[f]),
      ...kialiNodeRates(d.traffic ?? []),
    });
  }
  const edges = new Map<string, ComparableEdge>();
  for (const { data: d } of json.elements.edges ?? []) {
    const t = d.traffic;
    if (!t) continue;
    const key = `${keyOfId.get(d.source)} -> ${keyOfId.get(d.target)} ${
      t.protocol
    }`;
    const rate = Number(t.rates?.[t.protocol] ?? 0);
    const codes: Record<string, number> = {};
    const flags: Record<string, number> = {};
    if (t.protocol !== 'tcp') {
      for (const [code, r] of Object.entries<any>(t.responses ?? {})) {
        for (const [flag, pct] of Object.entries<string>(r.flags ?? {})) {
          const part = (rate * Number(pct)) / 100;
          codes[code] = (codes[code] ?? 0) + part;
          if (flag !== '-') flags[flag] = (flags[flag] ?? 0) + part;
        }
      }
    }
    const pct = t.rates?.[`${t.protocol}PercentReq`];
    edges.set(key, {
      key,
      protocol: t.protocol,
      rate,
      percentReq: pct === undefined ? undefined : Number(pct),
      percentErr: Number(t.rates?.[`${t.protocol}PercentErr`] ?? 0),
      codes,
      flags,
    });
  }
  return { nodes, edges };
}

/** Kiali's node rates per protocol, as our request totals (HTTP + gRPC, in and out). */
function kialiNodeRates(
  traffic: Array<{ protocol: string; rates: Record<string, string> }>,
) {
  const sum = (key: 'In' | 'Out') =>
    traffic.reduce(
      (a, t) =>
        a +
        Number(t.rates[`http${key}`] ?? 0) +
        Number(t.rates[`grpc${key}`] ?? 0),
      0,
    );
  return {
    rpsIn: sum('In'),
    rpsOut: sum('Out'),
    protocols: traffic.map(t => t.protocol),
  };
}

const OUR_TYPE: Record<string, string> = {
  workload: 'workload',
  app: 'app',
  service: 'service',
  external: 'service',
  unknown: 'unknown',
};

function ourNodeKey(n: MeshNode): string {
  const type = OUR_TYPE[n.type] ?? n.type;
  let name: string;
  if (n.type === 'unknown') name = 'unknown';
  else if (n.type === 'workload') name = n.workload ?? n.name;
  else if (n.type === 'app')
    name = n.workload
      ? versionedName(n.app ?? n.name, n.workload)
      : n.app ?? n.name;
  else name = n.service ?? n.name;
  return nodeKey(type, n.cluster, n.namespace, name);
}

export function fromOurs(graph: MeshGraph): ComparableGraph {
  const nodes = new Map<string, ComparableNode>();
  const keyOfId = new Map<string, string>();
  for (const n of graph.nodes) {
    const key = ourNodeKey(n);
    keyOfId.set(n.id, key);
    const flags = [
      n.isRoot && 'isRoot',
      (n as { isWaypoint?: boolean }).isWaypoint && 'isWaypoint',
    ].filter((f): f is string => !!f);
    nodes.set(key, {
      key,
      type: OUR_TYPE[n.type] ?? n.type,
      app: n.app,
      version: n.version,
      rpsIn: n.rpsIn ?? 0,
      rpsOut: n.rpsOut ?? 0,
      protocols: [],
      flags,
    });
  }
  const outByProtocol = new Map<string, number>();
  for (const e of graph.edges) {
    const k = `${e.source} ${e.protocol}`;
    outByProtocol.set(k, (outByProtocol.get(k) ?? 0) + e.rps);
  }
  const edges = new Map<string, ComparableEdge>();
  for (const e of graph.edges) {
    const key = `${keyOfId.get(e.source)} -> ${keyOfId.get(e.target)} ${
      e.protocol
    }`;
    const tcp = e.protocol === 'tcp';
    const out = outByProtocol.get(`${e.source} ${e.protocol}`) ?? 0;
    edges.set(key, {
      key,
      protocol: e.protocol,
      rate: tcp ? e.bytesPerSecond ?? 0 : e.rps,
      percentReq: !tcp && out > 0 ? (100 * e.rps) / out : undefined,
      percentErr: tcp ? 0 : 100 * e.errorRate,
      codes: tcp ? {} : { ...(e.responses ?? {}) },
      flags: tcp ? {} : { ...(e.responseFlags ?? {}) },
    });
  }
  return { nodes, edges };
}

const close = (a: number, b: number, abs: number, rel = 0.002) =>
  Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));

const show = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${Number(v.toFixed(2))}`)
    .join(' ') || '(none)';

function sameRates(a: Record<string, number>, b: Record<string, number>) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(k => close(a[k] ?? 0, b[k] ?? 0, 0.011));
}

export function compareGraphs(
  kiali: ComparableGraph,
  ours: ComparableGraph,
): GraphDifference[] {
  const diffs: GraphDifference[] = [];
  for (const [key, k] of kiali.nodes) {
    const o = ours.nodes.get(key);
    if (!o) {
      diffs.push({ kind: 'node-missing', subject: key });
      continue;
    }
    for (const attr of ['app', 'version'] as const) {
      if ((k[attr] ?? '') !== (o[attr] ?? ''))
        diffs.push({
          kind: 'node-attribute',
          subject: `${key} ${attr}`,
          kiali: k[attr] ?? '(none)',
          ours: o[attr] ?? '(none)',
        });
    }
    for (const dir of ['rpsIn', 'rpsOut'] as const) {
      if (!close(k[dir], o[dir], 0.011))
        diffs.push({
          kind: 'node-rate',
          subject: `${key} ${dir}${
            k.protocols.includes('grpc') ? ' grpc' : ''
          }`,
          kiali: String(k[dir]),
          ours: String(o[dir]),
        });
    }
    for (const flag of new Set([...k.flags, ...o.flags])) {
      if (k.flags.includes(flag) !== o.flags.includes(flag))
        diffs.push({
          kind: 'node-flag',
          subject: `${key} ${flag}`,
          kiali: String(k.flags.includes(flag)),
          ours: String(o.flags.includes(flag)),
        });
    }
  }
  for (const key of ours.nodes.keys())
    if (!kiali.nodes.has(key)) diffs.push({ kind: 'node-extra', subject: key });

  for (const [key, k] of kiali.edges) {
    const o = ours.edges.get(key);
    if (!o) {
      diffs.push({ kind: 'edge-missing', subject: key, kiali: String(k.rate) });
      continue;
    }
    if (!close(k.rate, o.rate, 0.011))
      diffs.push({
        kind: 'edge-rate',
        subject: key,
        kiali: String(k.rate),
        ours: String(o.rate),
      });
    if (
      k.percentReq !== undefined &&
      !close(k.percentReq, o.percentReq ?? 0, 0.051, 0)
    )
      diffs.push({
        kind: 'edge-percent',
        subject: key,
        kiali: String(k.percentReq),
        ours: String(o.percentReq?.toFixed(1)),
      });
    if (!close(k.percentErr, o.percentErr, 0.051, 0))
      diffs.push({
        kind: 'edge-percent',
        subject: `${key} errors`,
        kiali: String(k.percentErr),
        ours: o.percentErr.toFixed(1),
      });
    if (!sameRates(k.codes, o.codes))
      diffs.push({
        kind: 'edge-codes',
        subject: key,
        kiali: show(k.codes),
        ours: show(o.codes),
      });
    if (!sameRates(k.flags, o.flags))
      diffs.push({
        kind: 'edge-flags',
        subject: key,
        kiali: show(k.flags),
        ours: show(o.flags),
      });
  }
  for (const [key, o] of ours.edges)
    if (!kiali.edges.has(key))
      diffs.push({ kind: 'edge-extra', subject: key, ours: String(o.rate) });
  return diffs;
}
