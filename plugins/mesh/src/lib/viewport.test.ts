import { basisPath } from './edgePath';
import { edgeLabelSize, estimateText, nodeSize } from './graphText';
import { nodeFlags, nodeKind } from './nodeKinds';
import {
  canvasHeight,
  drawnBox,
  FIT_PADDING,
  fitViewport,
  MAX_FIT_ZOOM,
  READABLE_ZOOM,
} from './viewport';

const canvas = { width: 1000, height: 600 };

describe('fitViewport', () => {
  it('shows a graph that fits whole, centred, at its fitting zoom', () => {
    const content = { x: 0, y: 0, width: 1200, height: 500 };
    const view = fitViewport(content, canvas);
    expect(view.zoom).toBeCloseTo((1000 - 2 * FIT_PADDING) / 1200);
    expect(view.x).toBeCloseTo(FIT_PADDING);
    expect(view.y).toBeCloseTo((600 - 500 * view.zoom) / 2);
  });

  it('does not blow a tiny graph up beyond the maximum zoom', () => {
    const view = fitViewport({ x: 0, y: 0, width: 200, height: 80 }, canvas);
    expect(view.zoom).toBe(MAX_FIT_ZOOM);
    expect(view.x).toBeCloseTo((1000 - 200 * MAX_FIT_ZOOM) / 2);
  });

  it('keeps a big graph readable, centred on the focus, without empty margins', () => {
    const content = { x: 0, y: 0, width: 4000, height: 3000 };
    const focus = { x: 2000, y: 1500, width: 200, height: 60 };
    const view = fitViewport(content, canvas, focus);
    expect(view.zoom).toBe(READABLE_ZOOM);
    // The focus centre lands in the canvas centre.
    expect(view.x + 2100 * view.zoom).toBeCloseTo(500);
    expect(view.y + 1530 * view.zoom).toBeCloseTo(300);
    // A focus at the edge does not pull empty room into view.
    const corner = fitViewport(content, canvas, { ...focus, x: 0, y: 0 });
    expect(corner.x).toBeCloseTo(FIT_PADDING);
    expect(corner.y).toBeCloseTo(FIT_PADDING);
  });
});

describe('drawnBox', () => {
  it('holds the label of an edge that arches above the nodes, so the fit keeps it in view', () => {
    const nodes = [
      { x: 0, y: 100, width: 100, height: 40 },
      { x: 300, y: 100, width: 100, height: 40 },
    ];
    const arch = {
      points: [
        { x: 100, y: 120 },
        { x: 200, y: 40 },
        { x: 300, y: 120 },
      ],
      label: { x: 180, y: 20, width: 40, height: 16 },
    };
    expect(drawnBox(nodes, [])).toEqual({
      x: 0,
      y: 100,
      width: 400,
      height: 40,
    });
    expect(drawnBox(nodes, [arch])).toEqual({
      x: 0,
      y: 20,
      width: 400,
      height: 120,
    });
  });
});

describe('canvasHeight', () => {
  it('is as tall as the graph needs at the zoom its width allows, within bounds', () => {
    const limits = { min: 300, max: 900 };
    expect(canvasHeight({ width: 800, height: 100 }, 1000, limits)).toBe(300);
    expect(canvasHeight({ width: 900, height: 600 }, 1000, limits)).toBe(
      Math.ceil(600 * ((1000 - 2 * FIT_PADDING) / 900) + 2 * FIT_PADDING),
    );
    expect(canvasHeight({ width: 900, height: 5000 }, 1000, limits)).toBe(900);
  });
});

describe('graph text sizes', () => {
  const text = {
    name: 'istio-ingressgateway',
    flags: 1,
    namespace: 'istio-system',
    traffic: 'in 4.48 rps · out 4.4 rps',
  };

  it('makes a node wide enough for its longest line and tall enough for its lines', () => {
    const size = nodeSize(text, estimateText);
    expect(size.width).toBeGreaterThanOrEqual(
      estimateText(text.name, 13, true),
    );
    expect(size.width).toBeGreaterThanOrEqual(estimateText(text.traffic, 11));
    expect(size.width % 8).toBe(0);
    const withLinks = nodeSize(
      { ...text, entity: 'reviews', owner: 'bookinfo-team' },
      estimateText,
    );
    expect(withLinks.height).toBeGreaterThan(size.height);
  });

  it('sizes edge labels for their text and lock, and none without either', () => {
    expect(edgeLabelSize(undefined, false, estimateText)).toBeUndefined();
    const plain = edgeLabelSize('4.48 rps', false, estimateText)!;
    const locked = edgeLabelSize('4.48 rps', true, estimateText)!;
    expect(plain.width).toBeGreaterThanOrEqual(estimateText('4.48 rps', 11));
    expect(locked.width).toBeGreaterThan(plain.width - 8);
    expect(plain.height).toBe(18);
  });
});

describe('node kinds', () => {
  const base = {
    nodeType: 'workload' as const,
    isGateway: false,
    isWaypoint: false,
    isRestricted: false,
    isAmbient: false,
    isOutOfMesh: false,
    label: 'x',
  };
  it('draws restricted and gateway nodes as such whatever their type', () => {
    expect(nodeKind(base)).toBe('workload');
    expect(nodeKind({ ...base, isGateway: true })).toBe('gateway');
    expect(nodeKind({ ...base, isGateway: true, isRestricted: true })).toBe(
      'restricted',
    );
    // A waypoint's pods carry the Gateway API gateway label; it is drawn as a waypoint.
    expect(nodeKind({ ...base, isGateway: true, isWaypoint: true })).toBe(
      'waypoint',
    );
    expect(
      nodeKind({
        ...base,
        nodeType: 'service',
        serviceEntry: {
          namespace: 'ns',
          name: 'se',
          location: 'MESH_EXTERNAL',
          hosts: ['x.com'],
        },
      }),
    ).toBe('external');
  });

  it('badges Istio configuration', () => {
    const flags = nodeFlags({
      ...base,
      entityRef: 'component:default/x',
      istio: {
        virtualServices: ['bookinfo/reviews'],
        faultInjection: true,
        trafficShifting: true,
        circuitBreaker: true,
      },
    });
    expect(flags.map(f => f.icon)).toEqual([
      'virtualService',
      'faultInjection',
      'trafficShifting',
      'circuitBreaker',
    ]);
    expect(flags[0].title).toBe('VirtualService: bookinfo/reviews');
  });
});

describe('basisPath', () => {
  it('draws straight segments for two points and a B-spline through more', () => {
    expect(
      basisPath([
        { x: 0, y: 0 },
        { x: 10, y: 5 },
      ]),
    ).toBe('M0,0L10,5');
    const path = basisPath([
      { x: 0, y: 0 },
      { x: 60, y: 0 },
      { x: 120, y: 60 },
    ]);
    expect(path.startsWith('M0,0L10,0C')).toBe(true);
    expect(path.endsWith('L120,60')).toBe(true);
  });
});
