/*
 * mesh:list-callers-and-callees — who calls a Component and whom it calls: the graph route's app
 * graph one hop around it (one node per app, so a service's versions count once), each peer with
 * its catalog entity and owner, and how the catalog agrees (the dependencies route's drift).
 */
import {
  MeshDependenciesResponse,
  MeshEdge,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { readEntityDependencies } from '../routes/dependenciesRoutes';
import { readEntityGraph } from '../routes/graphRoutes';
import {
  ActionContext,
  meshAction,
  entityWindowInput,
  entityTarget,
  MeshAction,
} from './actionContext';
import {
  bounded,
  ms,
  percent,
  routeQuery,
  rps,
  sourceErrors,
  sourceErrorsSchema,
} from './compact';

const MAX_PEERS = 20;

const input = entityWindowInput;

const peer = z.object({
  name: z
    .string()
    .describe('App, Service or host name; "restricted" when withheld'),
  nodeType: z.string().describe('app, service, unknown or external'),
  namespace: z.string(),
  entityRef: z.string().nullable(),
  owner: z.string().nullable(),
  restricted: z
    .boolean()
    .describe(
      'The peer belongs to an entity the caller may not read: only its traffic is shown',
    ),
  protocol: z
    .enum(['http', 'grpc', 'tcp'])
    .nullable()
    .describe('null for a declared dependency without traffic'),
  rps: z.number().describe('Requests per second (0 for TCP)'),
  errorPercent: z.number().describe('Failed share of the requests, %'),
  p95Ms: z.number().nullable(),
  mtlsPercent: z
    .number()
    .nullable()
    .describe('Share seen as mutual TLS by the server, %'),
  drift: z
    .enum(['declared', 'undeclared', 'silent', 'no-entity'])
    .nullable()
    .describe(
      'How the catalog agrees: declared (and seen), undeclared (seen, not declared), silent (declared, no traffic), no-entity (no catalog entity owns the peer); null for restricted peers and traffic too small to judge',
    ),
});
type Peer = z.infer<typeof peer>;

const peerList = z.object({ total: z.number(), items: z.array(peer) });

const output = z.object({
  entityRef: z.string(),
  windowSeconds: z.number(),
  driftWindowSeconds: z
    .number()
    .describe('Window over which drift was judged (longer than the rates)'),
  callers: peerList.describe(
    'Who calls it, busiest first, then declared callers without traffic (at most 20)',
  ),
  callees: peerList.describe(
    'Whom it calls, busiest first, then declared dependencies without traffic (at most 20)',
  ),
  sourceErrors: sourceErrorsSchema,
});

function driftOf(
  node: MeshNode,
  direction: 'inbound' | 'outbound',
  dependencies: MeshDependenciesResponse,
): Peer['drift'] {
  if (node.restricted) return null;
  if (!node.entityRef) return 'no-entity';
  const dependency = dependencies.dependencies.find(
    d => d.entityRef === node.entityRef && d.direction === direction,
  );
  // Traffic below the drift floor over the drift window is not judged (see dependencies/).
  return dependency?.drift ?? null;
}

function peerRow(node: MeshNode, edge: MeshEdge, drift: Peer['drift']): Peer {
  return {
    name: node.name,
    nodeType: node.type,
    namespace: node.namespace,
    entityRef: node.entityRef ?? null,
    owner: node.owner ?? null,
    restricted: Boolean(node.restricted),
    protocol: edge.protocol,
    rps: rps(edge.rps),
    errorPercent: percent(edge.errorRate)!,
    p95Ms: ms(edge.latency?.p95),
    mtlsPercent: percent(edge.mtls),
    drift,
  };
}

export function createCallersAndCalleesAction(
  ctx: ActionContext,
): MeshAction<typeof input, typeof output> {
  return meshAction(ctx, {
    name: 'list-callers-and-callees',
    title: 'Callers and callees of a service',
    description:
      'Who calls a catalog Component and whom it calls, from Istio telemetry, answered with the ' +
      "caller's permissions. Each peer: app or Service name, its catalog entity and owning team, " +
      'protocol, requests per second, error %, p95 latency (ms), mTLS share (%), and whether the ' +
      'catalog declares the dependency (declared / undeclared / silent). Rates are averages over ' +
      '`window` (default 10m); drift is judged over the dependency window (default 7d). Peers the ' +
      'caller may not read appear as "restricted" with their traffic only.',
    input,
    output,
    run: async ({ entityRef, window }, credentials) => {
      const target = entityTarget(entityRef);
      const [graph, dependencies] = await Promise.all([
        readEntityGraph(
          ctx,
          target,
          routeQuery({ window, hops: 1, graphType: 'app' }),
          credentials,
        ),
        readEntityDependencies(ctx, target, {}, credentials),
      ]);
      const nodes = new Map(graph.nodes.map(n => [n.id, n]));
      const focus = new Set(graph.nodes.filter(n => n.isFocus).map(n => n.id));
      const byRps = (a: Peer, b: Peer) =>
        b.rps - a.rps || a.name.localeCompare(b.name);
      const callers = graph.edges
        .filter(e => focus.has(e.target) && !focus.has(e.source))
        .map(e => {
          const node = nodes.get(e.source)!;
          return peerRow(node, e, driftOf(node, 'inbound', dependencies));
        })
        .sort(byRps);
      const callees = graph.edges
        .filter(e => focus.has(e.source) && !focus.has(e.target))
        .map(e => {
          const node = nodes.get(e.target)!;
          return peerRow(node, e, driftOf(node, 'outbound', dependencies));
        })
        .sort(byRps);
      const silent = (direction: 'inbound' | 'outbound') =>
        dependencies.dependencies
          .filter(d => d.drift === 'silent' && d.direction === direction)
          .map(
            (d): Peer => ({
              name: d.entityRef.replace(/^[^/]*\//, ''),
              nodeType: 'entity',
              namespace: '',
              entityRef: d.entityRef,
              owner: d.owner ?? null,
              restricted: false,
              protocol: null,
              rps: 0,
              errorPercent: 0,
              p95Ms: null,
              mtlsPercent: null,
              drift: 'silent',
            }),
          );
      return {
        entityRef: dependencies.entityRef,
        windowSeconds: graph.windowSeconds,
        driftWindowSeconds: dependencies.windowSeconds,
        callers: bounded([...callers, ...silent('inbound')], MAX_PEERS),
        callees: bounded([...callees, ...silent('outbound')], MAX_PEERS),
        sourceErrors: sourceErrors([...graph.errors, ...dependencies.errors]),
      };
    },
  });
}
