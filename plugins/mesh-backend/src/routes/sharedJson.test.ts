import { jsonWithSharedParts } from './sharedJson';

describe('jsonWithSharedParts', () => {
  const rows = [
    { name: 'a', rps: 1.5 },
    { name: 'b\u0000"x', rps: null },
  ];
  const nodes = [{ id: 'n1', health: { status: 'healthy' } }];
  const answer = (time: string) => ({
    timestamp: time,
    entities: rows,
    graph: { nodes, edges: [], timestamp: time },
    nothing: undefined,
    date: new Date(0),
  });

  it('gives what JSON.stringify gives', () => {
    for (const value of [
      answer('t1'),
      { entities: [], graph: { nodes: [], edges: [] } },
      [1, 'two', null],
    ])
      expect(jsonWithSharedParts(value, [rows, nodes])).toBe(
        JSON.stringify(value),
      );
  });

  it('serializes a shared part once: what is kept is its JSON when first sent', () => {
    const shared = [{ v: 1 }];
    const first = jsonWithSharedParts({ t: 1, shared }, [shared]);
    shared[0].v = 2; // never done to a shared answer: shows that its JSON is kept
    expect(JSON.parse(jsonWithSharedParts({ t: 2, shared }, [shared]))).toEqual(
      { t: 2, shared: [{ v: 1 }] },
    );
    expect(JSON.parse(first)).toEqual({ t: 1, shared: [{ v: 1 }] });
    // Another object with the same content is serialized on its own.
    expect(
      JSON.parse(jsonWithSharedParts({ shared: [{ v: 2 }] }, [[{ v: 2 }]])),
    ).toEqual({ shared: [{ v: 2 }] });
  });

  it('leaves strings that look like its marks alone', () => {
    const parts = [{ secret: 'shared part' }];
    const value = {
      names: ['\u0000shared:0', '\u00000', '"\\u0000'],
      parts,
    };
    expect(JSON.parse(jsonWithSharedParts(value, [parts]))).toEqual(value);
  });
});
