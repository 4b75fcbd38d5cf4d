/* The trace clean-up on hand-made traces: the cases the fixtures do not cover. */
import { MeshSpan } from '@mesh-portal/plugin-mesh-common';
import { finaliseTrace } from './finaliseTrace';

const span = (
  spanId: string,
  serviceName: string,
  start: number,
  duration: number,
  extra: Partial<MeshSpan> = {},
): MeshSpan => ({
  traceId: 't',
  spanId,
  serviceName,
  operationName: 'op',
  startTimeMicros: start,
  durationMicros: duration,
  isError: false,
  tags: {},
  ...extra,
});
const kind = (k: string) => ({ tags: { 'span.kind': k } });

describe('finaliseTrace', () => {
  it('moves a cross-service server span that is longer than its client to the client start', () => {
    const { spans } = finaliseTrace('t', [
      span('a', 'front', 1000, 100, kind('client')),
      span('b', 'back', 500, 300, { ...kind('server'), parentSpanId: 'a' }),
    ]);
    expect(spans.find(s => s.spanId === 'b')!.startTimeMicros).toBe(1000);
  });

  it('leaves spans that fit alone, and never shifts a span of the same service as its parent', () => {
    const input = [
      span('a', 'front', 1000, 100, kind('server')),
      span('b', 'front', 900, 50, { parentSpanId: 'a' }), // same clock: a bug in the app, not skew
      span('c', 'back', 1010, 20, { ...kind('server'), parentSpanId: 'a' }),
    ];
    const { spans } = finaliseTrace('t', input);
    expect(spans.map(s => [s.spanId, s.startTimeMicros])).toEqual([
      ['b', 900],
      ['a', 1000],
      ['c', 1010],
    ]);
    expect(spans.every(s => !s.warnings)).toBe(true);
  });

  it('survives a parent cycle in broken data', () => {
    const { spans } = finaliseTrace('t', [
      span('a', 'x', 1, 1, { parentSpanId: 'b' }),
      span('b', 'y', 5, 1, { parentSpanId: 'a' }),
    ]);
    expect(spans).toHaveLength(2);
  });
});
