import { BodyBlocks } from './bodyBlocks';

describe('BodyBlocks', () => {
  it('keeps a body as it arrives, across blocks of growing size', () => {
    const bytes = Buffer.from(
      Array.from({ length: 300_000 }, (_, i) => `${i}✓`).join(','),
    );
    const body = new BodyBlocks();
    for (let i = 0; i < bytes.length; i += 7_001)
      body.append(bytes.subarray(i, i + 7_001));
    expect(body.length).toBe(bytes.length);
    expect(body.toString()).toBe(bytes.toString());
    const parts = body.parts();
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.reduce((n, p) => n + p.length, 0)).toBe(bytes.length);
    // Each part is a block of its own memory: it can be moved to another thread alone.
    expect(new Set(parts.map(p => p.buffer)).size).toBe(parts.length);
  });

  it('reads an empty body as empty', () => {
    expect(new BodyBlocks().toString()).toBe('');
  });
});
