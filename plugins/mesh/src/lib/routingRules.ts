/*
 * The routing an object sets, in words, for the Config view: VirtualService `http`/`tcp`/`tls`
 * routes and Gateway API HTTPRoute/GRPCRoute rules (the ambient way to route: a mesh route is
 * attached to a Service by `parentRefs`), each as its matches and its weighted backends. Read from
 * the object's spec as the backend returns it; anything unrecognised is left out, not guessed.
 */
export interface RoutingRule {
  /** The rule's match conditions in words; `any request` when it has none. */
  match: string;
  /** Where matching traffic goes, with its share in percent when the rule splits. */
  backends: Array<{ name: string; percent?: number }>;
}

const ROUTE_KINDS = ['VirtualService', 'HTTPRoute', 'GRPCRoute'];

export function hasRouting(kind: string): boolean {
  return ROUTE_KINDS.includes(kind);
}

function withPercents(
  backends: Array<{ name: string; weight: number }>,
): RoutingRule['backends'] {
  const total = backends.reduce((a, b) => a + b.weight, 0);
  if (backends.length < 2 || total <= 0)
    return backends.map(b => ({ name: b.name }));
  return backends.map(b => ({
    name: b.name,
    percent: Math.round((b.weight / total) * 1000) / 10,
  }));
}

function stringMatch(m: any): string | undefined {
  if (!m || typeof m !== 'object') return undefined;
  if (typeof m.exact === 'string') return `= ${m.exact}`;
  if (typeof m.prefix === 'string') return `${m.prefix}*`;
  if (typeof m.regex === 'string') return `~ ${m.regex}`;
  return undefined;
}

function virtualServiceMatch(match: any): string {
  const parts = [
    stringMatch(match?.uri) && `path ${stringMatch(match.uri)}`,
    match?.method && `method ${stringMatch(match.method)}`,
    ...Object.entries(match?.headers ?? {}).map(
      ([name, m]) => `header ${name} ${stringMatch(m) ?? 'present'}`,
    ),
    typeof match?.port === 'number' && `port ${match.port}`,
    (match?.sniHosts ?? []).length > 0 && `SNI ${match.sniHosts.join(', ')}`,
  ];
  return parts.filter(Boolean).join(' and ');
}

function gatewayApiMatch(match: any): string {
  const path = match?.path;
  const method = match?.method;
  const parts = [
    path?.value &&
      `path ${
        path.type === 'Exact'
          ? `= ${path.value}`
          : path.type === 'RegularExpression'
          ? `~ ${path.value}`
          : `${path.value}*`
      }`,
    typeof method === 'string' && `method ${method}`,
    method?.service &&
      `gRPC ${method.service}${method.method ? `/${method.method}` : ''}`,
    ...((match?.headers ?? []) as any[]).map(
      h => `header ${h?.name} = ${h?.value}`,
    ),
    ...((match?.queryParams ?? []) as any[]).map(
      q => `query ${q?.name} = ${q?.value}`,
    ),
  ];
  return parts.filter(Boolean).join(' and ');
}

function anyOf(matches: string[]): string {
  const named = matches.filter(Boolean);
  return named.length > 0 ? named.join(' or ') : 'any request';
}

/** The object's rules in order, as Istio and the Gateway API evaluate them. */
export function routingRules(
  kind: string,
  spec: Record<string, any> | undefined,
): RoutingRule[] {
  if (!spec) return [];
  if (kind === 'VirtualService') {
    return (['http', 'tcp', 'tls'] as const).flatMap(protocol =>
      ((spec[protocol] ?? []) as any[]).map(rule => ({
        match: anyOf(((rule?.match ?? []) as any[]).map(virtualServiceMatch)),
        backends: withPercents(
          ((rule?.route ?? []) as any[]).map(r => ({
            name: [
              r?.destination?.host,
              r?.destination?.subset && `subset ${r.destination.subset}`,
            ]
              .filter(Boolean)
              .join(' '),
            weight: r?.weight ?? 0,
          })),
        ),
      })),
    );
  }
  if (kind === 'HTTPRoute' || kind === 'GRPCRoute') {
    return ((spec.rules ?? []) as any[]).map(rule => ({
      match: anyOf(((rule?.matches ?? []) as any[]).map(gatewayApiMatch)),
      // The Gateway API's default weight is 1.
      backends: withPercents(
        ((rule?.backendRefs ?? []) as any[]).map(b => ({
          name: [
            b?.namespace ? `${b.namespace}/${b.name}` : b?.name,
            b?.port && `:${b.port}`,
          ]
            .filter(Boolean)
            .join(''),
          weight: b?.weight ?? 1,
        })),
      ),
    }));
  }
  return [];
}

/** One line per rule: `path /api* → hotels-v1:8000 90%, hotels-v2:8000 10%`. */
export function routingText(rule: RoutingRule): string {
  const backends = rule.backends
    .map(b => (b.percent !== undefined ? `${b.name} ${b.percent}%` : b.name))
    .join(', ');
  return `${rule.match} → ${backends || 'no backend'}`;
}
