import { MeshEdge, MeshNode } from '@mesh-portal/plugin-mesh-common';
import { bookinfoGraph } from '../../__fixtures__/bookinfo';
import { applyGraphTools, nodeFacts } from './apply';
import { compileFind } from './evaluate';
import { parseFindExpression } from './parse';

const names = (nodes: MeshNode[]) => nodes.map(n => n.name).sort();

describe('parseFindExpression', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(parseFindExpression('idle OR rps > 1 AND NOT mtls')).toEqual({
      kind: 'or',
      left: { kind: 'unary', name: 'idle', position: 0 },
      right: {
        kind: 'and',
        left: {
          kind: 'compare',
          name: 'rps',
          operator: '>',
          value: '1',
          position: 8,
        },
        right: {
          kind: 'not',
          operand: { kind: 'unary', name: 'mtls', position: 24 },
        },
      },
    });
  });

  it('accepts parentheses, && || ! and quoted values', () => {
    expect(parseFindExpression('!(a = "x y" || b) && c')).toMatchObject({
      kind: 'and',
      left: {
        kind: 'not',
        operand: {
          kind: 'or',
          left: { kind: 'compare', name: 'a', value: 'x y' },
          right: { kind: 'unary', name: 'b' },
        },
      },
      right: { kind: 'unary', name: 'c' },
    });
  });

  it.each([
    ['rps >', 'Expected a value after ">"', 5],
    ['(idle', 'Missing ")"', 5],
    ['idle idle', 'Expected AND, OR or the end of the expression', 5],
    ['rps > 1 AND', 'Expression ends too early', 11],
    ['name = "x', 'Unclosed quote', 7],
    ['rps # 1', 'Unexpected character "#"', 4],
  ])('reports %j as %j at %d', (text, message, position) => {
    let thrown: unknown;
    try {
      parseFindExpression(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      message: expect.stringContaining(message),
      position,
    });
  });
});

describe('compileFind', () => {
  const edge = (over: Partial<MeshEdge>): MeshEdge => ({
    id: 'e',
    source: 'a',
    target: 'b',
    protocol: 'http',
    rps: 10,
    errorRate: 0.05,
    mtls: 1,
    latency: { p50: 10, p95: 250, p99: 900 },
    ...over,
  });
  const edgeTest = (text: string) => {
    const compiled = compileFind(text);
    if ('error' in compiled) throw new Error(compiled.error);
    expect(compiled.target).toBe('edge');
    return compiled.test;
  };

  it('compares edge rates, error %, latency with units, protocol and mTLS', () => {
    expect(edgeTest('rps > 5')(edge({}))).toBe(true);
    expect(edgeTest('rps > 5')(edge({ rps: 2 }))).toBe(false);
    expect(edgeTest('%error >= 5')(edge({}))).toBe(true);
    expect(edgeTest('%error >= 5')(edge({ errorRate: 0.01 }))).toBe(false);
    expect(edgeTest('rt > 200ms')(edge({}))).toBe(true);
    expect(edgeTest('p95 > 0.3s')(edge({}))).toBe(false);
    expect(edgeTest('p99 >= 900')(edge({}))).toBe(true);
    expect(edgeTest('protocol = grpc')(edge({ protocol: 'grpc' }))).toBe(true);
    expect(edgeTest('protocol != grpc')(edge({}))).toBe(true);
    expect(edgeTest('mtls')(edge({}))).toBe(true);
    expect(edgeTest('!mtls')(edge({ mtls: 0 }))).toBe(true);
    expect(edgeTest('not mtls')(edge({ mtls: undefined }))).toBe(true);
    // `idle` alone means idle nodes; beside an edge operand, idle edges.
    expect(edgeTest('idle AND rps >= 0')(edge({ rps: 0 }))).toBe(true);
    expect(
      edgeTest('idle AND rps >= 0')(
        edge({ protocol: 'tcp', rps: 0, bytesPerSecond: 5 }),
      ),
    ).toBe(false);
    expect(edgeTest('l4only')(edge({ protocol: 'tcp', l4Only: true }))).toBe(
      true,
    );
    expect(edgeTest('l4only')(edge({ protocol: 'tcp' }))).toBe(false);
    // No latency reported: no numeric comparison matches.
    expect(edgeTest('rt < 1000')(edge({ latency: undefined }))).toBe(false);
  });

  it('combines with AND, OR and NOT', () => {
    const test = edgeTest('rps > 5 AND %error > 1 OR protocol = tcp');
    expect(test(edge({}))).toBe(true);
    expect(test(edge({ errorRate: 0 }))).toBe(false);
    expect(test(edge({ errorRate: 0, protocol: 'tcp' }))).toBe(true);
    expect(edgeTest('NOT (rps > 5 OR mtls)')(edge({ rps: 1, mtls: 0 }))).toBe(
      true,
    );
  });

  it('matches node names, namespaces, apps, versions and health, with * wildcards', () => {
    const facts = nodeFacts(bookinfoGraph);
    const matching = (text: string) => {
      const compiled = compileFind(text);
      if ('error' in compiled) throw new Error(compiled.error);
      expect(compiled.target).toBe('node');
      return [...facts.values()]
        .filter(f => compiled.test(f))
        .map(f => f.node.name)
        .sort();
    };
    expect(matching('name = reviews*')).toEqual([
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    expect(matching('app = reviews AND version = v2')).toEqual(['reviews-v2']);
    expect(matching('health = failure')).toEqual(
      names(bookinfoGraph.nodes.filter(n => n.health.status === 'failure')),
    );
    expect(matching('degraded')).toEqual(
      names(bookinfoGraph.nodes.filter(n => n.health.status === 'degraded')),
    );
    expect(matching('ns = istio-system')).toEqual(['istio-ingressgateway']);
    expect(matching('outside')).toEqual(['istio-ingressgateway']);
    expect(matching('waypoint')).toEqual([]);
    expect(matching('unknown')).toEqual(
      names(bookinfoGraph.nodes.filter(n => n.type === 'unknown')),
    );
  });

  it('finds ambient waypoints', () => {
    const withWaypoint = {
      ...bookinfoGraph,
      nodes: bookinfoGraph.nodes.map(n =>
        n.name === 'details-v1' ? { ...n, isWaypoint: true } : n,
      ),
    };
    const facts = nodeFacts(withWaypoint);
    const compiled = compileFind('waypoint');
    if ('error' in compiled) throw new Error(compiled.error);
    expect(
      [...facts.values()].filter(f => compiled.test(f)).map(f => f.node.name),
    ).toEqual(['details-v1']);
  });

  it('finds Istio badges by name and by Kiali short form', () => {
    const withBadges = {
      ...bookinfoGraph,
      nodes: bookinfoGraph.nodes.map(n =>
        n.name === 'ratings-v1'
          ? {
              ...n,
              istio: {
                virtualServices: ['bookinfo/ratings'],
                faultInjection: true,
              },
            }
          : n.name === 'reviews-v2'
          ? {
              ...n,
              istio: {
                routes: ['bookinfo/reviews'],
                trafficShifting: true,
                circuitBreaker: true,
              },
            }
          : n,
      ),
    };
    const facts = [...nodeFacts(withBadges).values()];
    const matching = (text: string) => {
      const compiled = compileFind(text);
      if ('error' in compiled) throw new Error(compiled.error);
      return facts
        .filter(f => compiled.test(f))
        .map(f => f.node.name)
        .sort();
    };
    expect(matching('vs')).toEqual(['ratings-v1', 'reviews-v2']);
    expect(matching('fi')).toEqual(['ratings-v1']);
    expect(matching('ts AND cb')).toEqual(['reviews-v2']);
    expect(matching('faultinjection OR circuitbreaker')).toEqual([
      'ratings-v1',
      'reviews-v2',
    ]);
    expect(matching('timeout')).toEqual([]);
  });

  it.each([
    ['rps > fast', '"rps" needs a number, not "fast"'],
    ['name > x', '"name" can only be compared with = or !='],
    ['speed > 1', 'Unknown operand "speed"'],
    ['rps > 1 AND name = x', 'cannot mix node and edge operands'],
  ])('rejects %j', (text, message) => {
    const compiled = compileFind(text);
    expect('error' in compiled && compiled.error).toContain(message);
  });
});

describe('applyGraphTools', () => {
  it('hides matching nodes with their edges, but never the focus', () => {
    const { graph, hiddenNodes } = applyGraphTools(bookinfoGraph, {
      hide: 'name = reviews* OR name = details*',
    });
    const focus = bookinfoGraph.nodes.filter(n => n.isFocus).map(n => n.name);
    expect(names(graph.nodes)).toEqual(expect.arrayContaining(focus.sort()));
    expect(graph.nodes.some(n => n.name.startsWith('details'))).toBe(false);
    expect(hiddenNodes).toBeGreaterThan(0);
    const ids = new Set(graph.nodes.map(n => n.id));
    expect(graph.edges.every(e => ids.has(e.source) && ids.has(e.target))).toBe(
      true,
    );
  });

  it('hides matching edges and the nodes they alone connected', () => {
    const { graph } = applyGraphTools(bookinfoGraph, { hide: 'rps >= 0' });
    expect(graph.edges).toEqual([]);
    expect(graph.nodes.every(n => n.isFocus)).toBe(true);
  });

  it('hides idle edges and nodes', () => {
    const idle: MeshEdge = {
      ...bookinfoGraph.edges[0],
      id: 'idle-edge',
      rps: 0,
      protocol: 'http',
    };
    const { graph } = applyGraphTools(
      { ...bookinfoGraph, edges: [...bookinfoGraph.edges, idle] },
      { hideIdle: true },
    );
    expect(graph.edges.find(e => e.id === 'idle-edge')).toBeUndefined();
    expect(graph.edges.length).toBe(
      bookinfoGraph.edges.filter(e => e.rps > 0 || e.bytesPerSecond).length,
    );
  });

  it('marks found nodes or edges and reports errors without hiding anything', () => {
    const found = applyGraphTools(bookinfoGraph, { find: '%error > 0' });
    expect(found.found.edges.size).toBe(
      bookinfoGraph.edges.filter(e => e.errorRate > 0).length,
    );
    const broken = applyGraphTools(bookinfoGraph, {
      find: 'rps >',
      hide: 'nonsense = 1',
    });
    expect(broken.findError).toBe(
      'Find: Expected a value after ">" (at character 6)',
    );
    expect(broken.hideError).toContain('Unknown operand "nonsense"');
    expect(broken.graph.nodes).toHaveLength(bookinfoGraph.nodes.length);
  });
});
