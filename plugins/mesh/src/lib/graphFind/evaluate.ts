/*
 * What the operands of the find/hide language mean, on the graph's wire types. Every operand
 * applies either to nodes or to edges; an expression that mixes the two is an error, as in
 * Kiali. Numbers follow the units the graph shows: rates in requests per second, error and mTLS
 * shares in percent, latencies in milliseconds, throughput in bytes per second.
 */
import type {
  MeshEdge,
  MeshHealthStatus,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';
import {
  ComparisonOperator,
  FindExpression,
  FindSyntaxError,
  parseFindExpression,
} from './parse';

/** A node with the facts that depend on the rest of the graph. */
export interface NodeFacts {
  node: MeshNode;
  /** No traffic in or out over the window. */
  idle: boolean;
  /** In a namespace other than those of the page's own (focus) nodes. */
  outside: boolean;
}

export type FindTarget = 'node' | 'edge';

type Value = number | string | undefined;
type Operand<T> = { get: (subject: T) => Value; numeric: boolean };

const NODE_OPERANDS: Record<string, Operand<NodeFacts>> = {
  name: { get: f => f.node.name, numeric: false },
  namespace: { get: f => f.node.namespace, numeric: false },
  ns: { get: f => f.node.namespace, numeric: false },
  app: { get: f => f.node.app, numeric: false },
  version: { get: f => f.node.version, numeric: false },
  workload: { get: f => f.node.workload, numeric: false },
  service: { get: f => f.node.service, numeric: false },
  cluster: { get: f => f.node.cluster, numeric: false },
  health: { get: f => f.node.health.status, numeric: false },
  type: { get: f => f.node.type, numeric: false },
  node: { get: f => f.node.type, numeric: false },
  entity: { get: f => f.node.entityRef, numeric: false },
  owner: { get: f => f.node.owner, numeric: false },
  system: { get: f => f.node.system, numeric: false },
  rpsin: { get: f => f.node.rpsIn ?? 0, numeric: true },
  rpsout: { get: f => f.node.rpsOut ?? 0, numeric: true },
};

const HEALTH_WORDS: MeshHealthStatus[] = [
  'healthy',
  'degraded',
  'failure',
  'not-ready',
  'no-data',
];

/** One test under several names: Kiali's short forms (`vs`, `cb`, `fi`, `ts`) beside ours. */
function withAliases(
  names: string[],
  test: (f: NodeFacts) => boolean,
): Record<string, (f: NodeFacts) => boolean> {
  return Object.fromEntries(names.map(name => [name, test]));
}

const NODE_UNARY: Record<string, (f: NodeFacts) => boolean> = {
  idle: f => f.idle,
  outside: f => f.outside,
  unknown: f => f.node.type === 'unknown',
  gateway: f => Boolean(f.node.isGateway),
  waypoint: f => Boolean(f.node.isWaypoint),
  restricted: f => Boolean(f.node.restricted),
  root: f => Boolean(f.node.isRoot),
  ambient: f => Boolean(f.node.isAmbient),
  outofmesh: f => Boolean(f.node.isOutOfMesh),
  serviceentry: f => Boolean(f.node.serviceEntry),
  focus: f => Boolean(f.node.isFocus),
  ...withAliases(['virtualservice', 'vs', 'hasvs'], f =>
    Boolean(
      f.node.istio?.virtualServices?.length || f.node.istio?.routes?.length,
    ),
  ),
  ...withAliases(['faultinjection', 'fi'], f =>
    Boolean(f.node.istio?.faultInjection),
  ),
  ...withAliases(['trafficshifting', 'ts'], f =>
    Boolean(f.node.istio?.trafficShifting),
  ),
  ...withAliases(['circuitbreaker', 'cb', 'hascb'], f =>
    Boolean(f.node.istio?.circuitBreaker),
  ),
  ...withAliases(['timeout', 'rto'], f =>
    Boolean(f.node.istio?.requestTimeout),
  ),
  ...Object.fromEntries(
    HEALTH_WORDS.map(status => [
      status,
      (f: NodeFacts) => f.node.health.status === status,
    ]),
  ),
};

const percent = (share: number | undefined) =>
  share === undefined ? undefined : share * 100;

const EDGE_OPERANDS: Record<string, Operand<MeshEdge>> = {
  rps: { get: e => e.rps, numeric: true },
  '%error': { get: e => percent(e.errorRate), numeric: true },
  '%err': { get: e => percent(e.errorRate), numeric: true },
  rt: { get: e => e.latency?.p95, numeric: true },
  p95: { get: e => e.latency?.p95, numeric: true },
  p50: { get: e => e.latency?.p50, numeric: true },
  p99: { get: e => e.latency?.p99, numeric: true },
  '%mtls': { get: e => percent(e.mtls), numeric: true },
  protocol: { get: e => e.protocol, numeric: false },
  bytes: { get: e => e.bytesPerSecond, numeric: true },
  '%req': { get: e => percent(e.shareOfSource), numeric: true },
};

const EDGE_UNARY: Record<string, (e: MeshEdge) => boolean> = {
  idle: e => (e.protocol === 'tcp' ? !(e.bytesPerSecond! > 0) : !(e.rps > 0)),
  mtls: e => (e.mtls ?? 0) > 0,
  http: e => e.protocol === 'http',
  grpc: e => e.protocol === 'grpc',
  tcp: e => e.protocol === 'tcp',
  error: e => e.errorRate > 0,
  l4only: e => Boolean(e.l4Only),
};

/** Operand names for the help text, by what they apply to. */
export const FIND_OPERANDS = {
  node: Object.keys(NODE_OPERANDS),
  nodeUnary: Object.keys(NODE_UNARY),
  edge: Object.keys(EDGE_OPERANDS),
  edgeUnary: Object.keys(EDGE_UNARY),
};

/** `reviews*` matches names starting with "reviews"; case-insensitive, `*` is any text. */
function textMatches(actual: string, pattern: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`).test(actual.toLowerCase());
}

function compare(
  actual: Value,
  operator: ComparisonOperator,
  expected: string | number,
): boolean {
  if (typeof expected === 'number') {
    // No value (e.g. no latency reported) matches nothing but "!=".
    if (typeof actual !== 'number') return operator === '!=';
    switch (operator) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case '<':
        return actual < expected;
      case '<=':
        return actual <= expected;
      case '>':
        return actual > expected;
      default:
        return actual >= expected;
    }
  }
  const matches = textMatches(String(actual ?? ''), expected);
  return operator === '!=' ? !matches : matches;
}

/** `250ms` → 250, `1.5s` → 1500, `10%` → 10, `2kb` → 2048; else a plain number. */
function numberValue(text: string): number | undefined {
  const match = /^(-?[0-9]*\.?[0-9]+)(ms|s|%|kb|mb)?$/i.exec(text);
  if (!match) return undefined;
  const scale: Record<string, number> = { s: 1000, kb: 1024, mb: 1048576 };
  return Number(match[1]) * (scale[match[2]?.toLowerCase() ?? ''] ?? 1);
}

export type CompiledFind =
  | { target: FindTarget; test: (subject: any) => boolean }
  | { error: string; position: number };

/**
 * Compiles an expression into a test for nodes (given NodeFacts) or edges (given MeshEdge).
 * Returns an error with its position for bad syntax, unknown operands, bad values, or a mix of
 * node and edge operands.
 */
export function compileFind(text: string): CompiledFind {
  let expression: FindExpression;
  try {
    expression = parseFindExpression(text);
  } catch (error) {
    if (error instanceof FindSyntaxError) {
      return { error: error.message, position: error.position };
    }
    throw error;
  }
  let target: FindTarget | undefined;
  const problem: { error?: string; position?: number } = {};
  const claim = (kind: FindTarget, position: number, name: string) => {
    if (target && target !== kind && !problem.error) {
      problem.error = `"${name}" is an ${kind} operand; an expression cannot mix node and edge operands`;
      problem.position = position;
    }
    target = target ?? kind;
  };
  const fail = (error: string, position: number) => {
    if (!problem.error) Object.assign(problem, { error, position });
    return () => false;
  };

  // Unary names valid for both (idle) take the kind of the rest of the expression.
  const ambiguous = new Set(
    Object.keys(NODE_UNARY).filter(name => name in EDGE_UNARY),
  );
  const kinds: FindTarget[] = [];
  const collect = (e: FindExpression): void => {
    if (e.kind === 'and' || e.kind === 'or') {
      collect(e.left);
      collect(e.right);
    } else if (e.kind === 'not') collect(e.operand);
    else if (e.kind === 'compare') {
      if (e.name in NODE_OPERANDS) kinds.push('node');
      else if (e.name in EDGE_OPERANDS) kinds.push('edge');
    } else if (!ambiguous.has(e.name)) {
      if (e.name in NODE_UNARY) kinds.push('node');
      else if (e.name in EDGE_UNARY) kinds.push('edge');
    }
  };
  collect(expression);
  const preferred: FindTarget = kinds[0] ?? 'node';

  const build = (e: FindExpression): ((subject: any) => boolean) => {
    if (e.kind === 'and' || e.kind === 'or') {
      const left = build(e.left);
      const right = build(e.right);
      return e.kind === 'and'
        ? s => left(s) && right(s)
        : s => left(s) || right(s);
    }
    if (e.kind === 'not') {
      const operand = build(e.operand);
      return s => !operand(s);
    }
    if (e.kind === 'unary') {
      const kind: FindTarget | undefined = ambiguous.has(e.name)
        ? preferred
        : (e.name in NODE_UNARY && 'node') ||
          (e.name in EDGE_UNARY && 'edge') ||
          undefined;
      if (!kind) return fail(`Unknown operand "${e.name}"`, e.position);
      claim(kind, e.position, e.name);
      return kind === 'node' ? NODE_UNARY[e.name] : EDGE_UNARY[e.name];
    }
    const operand: Operand<any> | undefined =
      NODE_OPERANDS[e.name] ?? EDGE_OPERANDS[e.name];
    if (!operand) return fail(`Unknown operand "${e.name}"`, e.position);
    claim(e.name in NODE_OPERANDS ? 'node' : 'edge', e.position, e.name);
    let expected: string | number = e.value;
    if (operand.numeric) {
      const number = numberValue(e.value);
      if (number === undefined) {
        return fail(`"${e.name}" needs a number, not "${e.value}"`, e.position);
      }
      expected = number;
    } else if (!['=', '!='].includes(e.operator)) {
      return fail(`"${e.name}" can only be compared with = or !=`, e.position);
    }
    return s => compare(operand.get(s), e.operator, expected);
  };
  const test = build(expression);
  if (problem.error) {
    return { error: problem.error, position: problem.position ?? 0 };
  }
  return { target: target ?? preferred, test };
}
