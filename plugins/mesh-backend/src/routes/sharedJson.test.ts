import express from 'express';
import request from 'supertest';
import { gunzipSync } from 'zlib';
import { gzipSegments, Segment } from './gzipSegments';
import {
  jsonSegments,
  jsonWithSharedParts,
  sendWithSharedParts,
} from './sharedJson';

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

  it('gives what JSON.stringify gives', async () => {
    const odd = [
      undefined,
      () => 1,
      Symbol('s'),
      new Date(0),
      { a: undefined },
    ];
    for (const value of [
      answer('t1'),
      { entities: [], graph: { nodes: [], edges: [] } },
      [1, 'two', null],
      { odd },
    ])
      expect(await jsonWithSharedParts(value, [rows, nodes, odd])).toBe(
        JSON.stringify(value),
      );
  });

  it('serializes a large part a slice of items at a time, as JSON.stringify would', async () => {
    // Items slow to serialize (~10 µs each, 50 ms in all), so that the slices show.
    const large = Array.from({ length: 5_000 }, (_, i) => ({
      id: `n${i}`,
      ...(i % 3 ? { rps: i / 7 } : { missing: undefined }),
      nested: {
        toJSON() {
          const until = performance.now() + 0.01;
          while (performance.now() < until);
          return i;
        },
      },
    }));
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    const json = await jsonWithSharedParts({ large }, [large]);
    clearInterval(counting);
    expect(json).toBe(JSON.stringify({ large }));
    expect(turns).toBeGreaterThan(0);
  });

  it('serializes a shared part once: what is kept is its JSON when first sent', async () => {
    const shared = [{ v: 1 }];
    const first = await jsonWithSharedParts({ t: 1, shared }, [shared]);
    shared[0].v = 2; // never done to a shared answer: shows that its JSON is kept
    expect(
      JSON.parse(await jsonWithSharedParts({ t: 2, shared }, [shared])),
    ).toEqual({ t: 2, shared: [{ v: 1 }] });
    expect(JSON.parse(first)).toEqual({ t: 1, shared: [{ v: 1 }] });
    // Another object with the same content is serialized on its own.
    expect(
      JSON.parse(
        await jsonWithSharedParts({ shared: [{ v: 2 }] }, [[{ v: 2 }]]),
      ),
    ).toEqual({ shared: [{ v: 2 }] });
  });

  it("makes a part's JSON once for responses sent at the same time", async () => {
    const shared = Array.from({ length: 2_000 }, (_, i) => ({ i }));
    const [a, b] = await Promise.all([
      jsonSegments({ t: 1, shared }, [shared]),
      jsonSegments({ t: 2, shared }, [shared]),
    ]);
    const segment = a.find(s => s.json.length > 1000)!;
    expect(b).toContain(segment);
  });

  it('fails a response whose shared part has no JSON, and tries again for the next', async () => {
    const shared: unknown[] = [{ n: BigInt(1) }];
    await expect(jsonWithSharedParts({ shared }, [shared])).rejects.toThrow(
      'BigInt',
    );
    shared[0] = { n: 1 };
    expect(await jsonWithSharedParts({ shared }, [shared])).toBe(
      JSON.stringify({ shared }),
    );
  });

  it('leaves strings that look like its marks alone', async () => {
    const parts = [{ secret: 'shared part' }];
    const value = {
      names: ['\u0000shared:0', '\u00000', '"\\u0000'],
      parts,
    };
    expect(JSON.parse(await jsonWithSharedParts(value, [parts]))).toEqual(
      value,
    );
  });
});

describe('gzip of shared parts', () => {
  const rows = [{ name: 'añb €', rps: 1.5 }, ...Array(2000).fill({ x: 'y' })];
  const answer = (time: string) => ({ time, rows, more: [1, 2, 3] });

  it('is one gzip stream of the whole JSON, each shared part compressed once', async () => {
    const first = await jsonSegments(answer('t1'), [rows]);
    const second = await jsonSegments(answer('t2'), [rows]);
    for (const [segments, time] of [
      [first, 't1'],
      [second, 't2'],
    ] as const)
      expect(
        gunzipSync(Buffer.concat(await gzipSegments(segments))).toString(),
      ).toBe(JSON.stringify(answer(time)));
    // The rows' segment is the same object in both responses, compressed in the first.
    const shared = first.find(s => s.json.length > 1000)!;
    expect(second).toContain(shared);
    expect(shared.deflated).toBeDefined();
  });

  it('keeps the CRC of a large shared part, and the stream stays valid around it', async () => {
    const large = Array.from({ length: 20_000 }, (_, i) => ({ row: i }));
    const whole = (time: string) => ({ time, large });
    const first = await jsonSegments(whole('t1'), [large]);
    const second = await jsonSegments(whole('t22'), [large]);
    // gunzip checks the trailer's CRC-32 and size against the text.
    expect(
      gunzipSync(Buffer.concat(await gzipSegments(first))).toString(),
    ).toBe(JSON.stringify(whole('t1')));
    const shared = first.find(s => s.json.length > 100_000)!;
    expect(shared.crc).toBeDefined();
    expect(
      gunzipSync(Buffer.concat(await gzipSegments(second))).toString(),
    ).toBe(JSON.stringify(whole('t22')));
  });

  it('does not keep a failed compression on a segment: the next response compresses it again', async () => {
    const segment: Segment = { json: 42 as unknown as Buffer };
    await expect(gzipSegments([segment])).rejects.toThrow();
    segment.json = Buffer.from('{"a":1}');
    expect(
      gunzipSync(Buffer.concat(await gzipSegments([segment]))).toString(),
    ).toBe('{"a":1}');
  });

  it('is sent to clients that accept gzip, the plain JSON to the others', async () => {
    const app = express().get('/', (req, res) =>
      sendWithSharedParts(req, res, answer('t'), [rows]),
    );
    const gzipped = await request(app).get('/').set('Accept-Encoding', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body).toEqual(answer('t'));
    const plain = await request(app)
      .get('/')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(
      Buffer.byteLength(JSON.stringify(answer('t'))),
    );
    expect(plain.body).toEqual(answer('t'));
  });
});
