/*
 * Health classification shared by the backend (which computes it) and the UI (legend, explanations),
 * following Kiali's published rules: docs/kiali-semantics.md §3.
 */
import { MeshHealth, MeshHealthStatus } from './types/graph';

/**
 * Priority of each status when merging: the worst (highest) wins, as in Kiali.
 *
 * @public
 */
export const MESH_HEALTH_PRIORITY: Record<MeshHealthStatus, number> = {
  'no-data': 0,
  healthy: 1,
  'not-ready': 2,
  degraded: 3,
  failure: 4,
};

/**
 * One error tolerance. `code` uses Kiali's syntax: a regex where `X`/`x` stands for a digit,
 * anchored at both ends. `degraded`/`failure` are percentages of the protocol's requests.
 *
 * @public
 */
export interface MeshHealthTolerance {
  code: string;
  protocol: string;
  direction: string;
  degraded: number;
  failure: number;
}

/**
 * Kiali's default tolerances: any 5xx degrades, 10% fails; 4xx 10%/20%; any gRPC error degrades,
 * 10% fails; any "no response" degrades, 10% fails.
 *
 * @public
 */
export const DEFAULT_HEALTH_TOLERANCES: MeshHealthTolerance[] = [
  { code: '5XX', protocol: 'http', direction: '.*', degraded: 0, failure: 10 },
  { code: '4XX', protocol: 'http', direction: '.*', degraded: 10, failure: 20 },
  {
    code: '^[1-9]$|^1[0-6]$',
    protocol: 'grpc',
    direction: '.*',
    degraded: 0,
    failure: 10,
  },
  {
    code: '^-$',
    protocol: 'http|grpc',
    direction: '.*',
    degraded: 0,
    failure: 10,
  },
];

/**
 * Requests per second by protocol, then by response code (`-` = no response; gRPC uses its status).
 *
 * @public
 */
export type MeshRequestRates = Partial<
  Record<'http' | 'grpc', Record<string, number>>
>;

/**
 * Inbound and outbound request rates of one node.
 *
 * @public
 */
export interface MeshRequestHealthInput {
  inbound: MeshRequestRates;
  outbound: MeshRequestRates;
}

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern.replace(/[xX]/g, '\\d')})$`);
}

interface CompiledTolerance {
  code: RegExp;
  protocol: RegExp;
  direction: RegExp;
}

/**
 * Each tolerance's patterns, compiled once per tolerance object: health is evaluated for every
 * node of every mesh-wide snapshot (thousands of times a refresh at 5,000 workloads), and making
 * twelve RegExps and two arrays a call was a large share of what a refresh allocated.
 */
const compiled = new WeakMap<MeshHealthTolerance, CompiledTolerance>();

function compile(tolerance: MeshHealthTolerance): CompiledTolerance {
  let patterns = compiled.get(tolerance);
  if (!patterns) {
    patterns = {
      code: anchored(tolerance.code),
      protocol: anchored(tolerance.protocol),
      direction: anchored(tolerance.direction),
    };
    compiled.set(tolerance, patterns);
  }
  return patterns;
}

const DIRECTIONS = ['inbound', 'outbound'] as const;
const PROTOCOLS = ['http', 'grpc'] as const;

function sumOf(codes: Record<string, number>, matching?: RegExp): number {
  let sum = 0;
  for (const code in codes)
    if (!matching || matching.test(code)) sum += codes[code];
  return sum;
}

/**
 * Request health per Kiali: for each direction, protocol and matching tolerance, the share of
 * matching codes decides; the worst result wins. Traffic without a matching tolerance is healthy,
 * no traffic at all is `no-data`.
 *
 * @public
 */
export function evaluateRequestHealth(
  input: MeshRequestHealthInput,
  tolerances: MeshHealthTolerance[] = DEFAULT_HEALTH_TOLERANCES,
): MeshHealth {
  let worst: MeshHealth = { status: 'no-data', reasons: [] };
  let sawTraffic = false;
  for (const direction of DIRECTIONS) {
    for (const protocol of PROTOCOLS) {
      const codes = input[direction][protocol];
      if (!codes) continue;
      const total = sumOf(codes);
      if (total <= 0) continue;
      sawTraffic = true;
      for (const tolerance of tolerances) {
        const patterns = compile(tolerance);
        if (!patterns.direction.test(direction)) continue;
        if (!patterns.protocol.test(protocol)) continue;
        const matching = sumOf(codes, patterns.code);
        const percent = (matching / total) * 100;
        if (percent <= 0) continue;
        const status: MeshHealthStatus =
          percent >= tolerance.failure
            ? 'failure'
            : percent >= tolerance.degraded
            ? 'degraded'
            : 'healthy';
        if (status === 'healthy') continue;
        const reason = describeBreach(
          tolerance,
          percent,
          `${direction} ${protocol === 'grpc' ? 'gRPC' : 'HTTP'}`,
        );
        worst = mergeHealth(worst, {
          status,
          reasons: [reason],
          errorRatio: matching / total,
        });
      }
    }
  }
  if (sawTraffic && worst.status === 'no-data') {
    return { status: 'healthy', reasons: [] };
  }
  return worst;
}

function describeCode(code: string): string {
  if (code === '^-$') return 'no response';
  if (code.startsWith('^[1-9]')) return 'gRPC errors';
  return code.replace(/X/g, 'x');
}

/**
 * A breached tolerance in Kiali's words: the share seen, then the tolerance itself — "any 5xx"
 * when any matching error degrades (`degraded: 0`), else "≥ N %".
 *
 * @public
 */
export function describeBreach(
  tolerance: MeshHealthTolerance,
  percent: number,
  traffic: string,
): string {
  const what = describeCode(tolerance.code);
  const degraded =
    tolerance.degraded <= 0 ? `any ${what}` : `≥ ${tolerance.degraded}%`;
  // One significant digit below 0.1 %, so a rare error never reads "0.0 %".
  const share = percent < 0.1 ? percent.toPrecision(1) : percent.toFixed(1);
  return `${share}% ${what} on ${traffic} (degraded: ${degraded}, failure: ≥ ${tolerance.failure}%)`;
}

/**
 * Replica and proxy counts of a workload.
 *
 * @public
 */
export interface MeshWorkloadStatusInput {
  desired: number;
  current: number;
  available: number;
  /** Pods whose proxy is synced; omit when unknown or when the workload has no sidecar. */
  syncedProxies?: number;
}

/**
 * Workload status health per Kiali's ordered rules (§3.3).
 *
 * @public
 */
export function evaluateWorkloadStatus(
  name: string,
  { desired, current, available, syncedProxies }: MeshWorkloadStatusInput,
): MeshHealth {
  const counts = `${available}/${desired} available`;
  if (desired === 0)
    return { status: 'not-ready', reasons: [`${name}: scaled to 0`] };
  if (
    current > 0 &&
    available > 0 &&
    (current < desired || available < desired)
  ) {
    return { status: 'degraded', reasons: [`${name}: ${counts}`] };
  }
  if (available === 0)
    return { status: 'failure', reasons: [`${name}: no replica available`] };
  if (desired === available && available !== current) {
    return {
      status: 'failure',
      reasons: [`${name}: ${current} pods for ${desired} desired`],
    };
  }
  if (syncedProxies !== undefined && syncedProxies < desired) {
    return {
      status: 'degraded',
      reasons: [`${name}: ${syncedProxies}/${desired} proxies synced`],
    };
  }
  if (desired === current && current === available)
    return { status: 'healthy', reasons: [] };
  return { status: 'degraded', reasons: [`${name}: ${counts}`] };
}

/**
 * Merges two health values: the worse status wins and the reasons are kept, worst first.
 *
 * @public
 */
export function mergeHealth(a: MeshHealth, b: MeshHealth): MeshHealth {
  const [worse, better] =
    MESH_HEALTH_PRIORITY[b.status] > MESH_HEALTH_PRIORITY[a.status]
      ? [b, a]
      : [a, b];
  return {
    status: worse.status,
    reasons: [...worse.reasons, ...better.reasons],
    errorRatio: worse.errorRatio ?? better.errorRatio,
  };
}

/**
 * Tolerances for the objects a rule matches, Kiali's `health_config.rate` entry: `namespace`,
 * `kind` (workload, app, service) and `name` are regexes anchored at both ends.
 *
 * @public
 */
export interface MeshHealthRateRule {
  namespace: string;
  kind: string;
  name: string;
  tolerances: MeshHealthTolerance[];
}

/**
 * The tolerances for one object: those of the first rule matching its namespace, kind and name,
 * else the defaults (Kiali's resolution order).
 *
 * @public
 */
export function resolveTolerances(
  rules: MeshHealthRateRule[],
  kind: string,
  namespace: string,
  name: string,
  defaults: MeshHealthTolerance[] = DEFAULT_HEALTH_TOLERANCES,
): MeshHealthTolerance[] {
  const rule = rules.find(
    r =>
      anchored(r.namespace).test(namespace) &&
      anchored(r.kind).test(kind) &&
      anchored(r.name).test(name),
  );
  return rule ? rule.tolerances : defaults;
}
