/*
 * JSON of answers whose large parts are shared by many responses (issue 15): /overview answers
 * every caller who sees the same entities with the same rows and graph until the next refresh
 * (../service/sharedAnswers), only its time fields differ. At 5,000 entities those parts are
 * megabytes: serializing, encoding and compressing them again for every response cost more CPU
 * than the rest of the route. So each shared part is serialized and UTF-8 encoded once, kept by
 * identity (a WeakMap: it goes with the answer), and written between the response's own parts;
 * for clients that accept gzip, each part is also compressed once (./gzipSegments). Shared parts
 * are never changed after they are made (the services build new objects), which is what makes
 * keeping their JSON correct.
 */
import { randomUUID } from 'crypto';
import { Request, Response } from 'express';
import { Segment, writeGzipped } from './gzipSegments';

const kept = new WeakMap<object, Segment>();

/** `value`'s JSON in order: its own text, and each of `parts` (objects inside it) as kept. */
export function jsonSegments(
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): Segment[] {
  const shared = new Set(parts.filter((p): p is object => !!p));
  const found: Segment[] = [];
  // A mark no string of the answer can equal: a control character and a nonce of this response.
  const mark = `\u0000${randomUUID()}:`;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !shared.has(v)) return v;
    let segment = kept.get(v);
    if (segment === undefined) {
      segment = { json: Buffer.from(JSON.stringify(v)) };
      kept.set(v, segment);
    }
    found.push(segment);
    return `${mark}${found.length - 1}`;
  });
  const pieces = json.split(new RegExp(`"\\\\u0000${mark.slice(1)}(\\d+)"`));
  // split with a capture group: own text, part index, own text, …
  return pieces.map((piece, i) =>
    i % 2 === 0 ? { json: Buffer.from(piece) } : found[Number(piece)],
  );
}

/** `value` as JSON, with each of `parts` serialized once per identity. */
export function jsonWithSharedParts(
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): string {
  return Buffer.concat(jsonSegments(value, parts).map(s => s.json)).toString();
}

/** Sends `value` as `res.json` would (without an ETag), with its shared parts kept. */
export function sendWithSharedParts(
  req: Request,
  res: Response,
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): void {
  const segments = jsonSegments(value, parts);
  res.type('application/json');
  res.vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    writeGzipped(res, segments);
    return;
  }
  res.setHeader(
    'Content-Length',
    segments.reduce((n, s) => n + s.json.length, 0),
  );
  for (const segment of segments) res.write(segment.json);
  res.end();
}
