import {
  DEFAULT_ENTITY_MESH_VIEW_STATE,
  parseEntityMeshViewState,
  writeEntityMeshViewState,
} from './viewState';

const parse = (search: string) =>
  parseEntityMeshViewState(new URLSearchParams(search));

describe('entity mesh view state in the URL', () => {
  it('defaults everything for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_ENTITY_MESH_VIEW_STATE);
    expect(
      writeEntityMeshViewState(DEFAULT_ENTITY_MESH_VIEW_STATE).toString(),
    ).toBe('');
  });

  it('round-trips every field', () => {
    const state = {
      ...DEFAULT_ENTITY_MESH_VIEW_STATE,
      view: 'traces' as const,
      window: '1h',
      graphType: 'versionedApp' as const,
      hops: 1,
      edgeLabel: 'mtls' as const,
      autoRefresh: false,
      selection: { kind: 'edge' as const, id: 'wl:a->wl:b:http' },
      focusNode: 'wl:demo:bookinfo:reviews-v1',
      showAllNodes: true,
      traceLookback: '6h',
      traceErrorsOnly: true,
      traceMinDuration: '100ms',
      traceId: '000000001566b3dd000a063f6180d100',
      traceServices: ['productpage.bookinfo', 'reviews.bookinfo'],
    };
    const written = writeEntityMeshViewState(state);
    expect(parseEntityMeshViewState(written)).toEqual(state);
    expect(written.getAll('service')).toEqual([
      'productpage.bookinfo',
      'reviews.bookinfo',
    ]);
  });

  it.each([
    ['view=nope', 'view', 'traffic'],
    ['window=forever', 'window', '10m'],
    ['window=1s', 'window', '10m'],
    ['hops=7', 'hops', 2],
    ['graphType=pods', 'graphType', 'workload'],
    ['labels=bytes', 'edgeLabel', 'rps'],
    ['minDuration=fast', 'traceMinDuration', undefined],
    ['trace=not-hex', 'traceId', undefined],
    ['selected=somewhere', 'selection', undefined],
  ])('falls back to the default for invalid %s', (search, key, expected) => {
    expect(parse(search)[key as keyof ReturnType<typeof parse>]).toEqual(
      expected,
    );
  });

  it('keeps query parameters it does not own', () => {
    const written = writeEntityMeshViewState(
      { ...DEFAULT_ENTITY_MESH_VIEW_STATE, view: 'health' },
      new URLSearchParams('tab=x&window=1h'),
    );
    expect(written.toString()).toBe('tab=x&view=health');
  });
});
