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
 *
 * A part (an array: rows, nodes, edges) is serialized a slice of items at a time
 * (../graph/slicedWork) and compressed on libuv's pool: made in one piece, the overview's 8 MB held
 * the event loop ~50 ms for its JSON and as long again for its compression, once after every
 * refresh, and every request of the backend waited meanwhile (bench:scale profile, 2026-12-05).
 */
import { randomUUID } from 'crypto';
import { Request, Response } from 'express';
import {
  finishInSlices,
  ITEMS_PER_YIELD,
  SlicedWork,
} from '../graph/slicedWork';
import { Segment, writeGzipped } from './gzipSegments';

/** Each shared part's segment, made once per identity (concurrent responses wait for one). */
const kept = new WeakMap<object, Promise<Segment>>();

/** What JSON.stringify gives for `value`: an array's items a slice at a time. */
function* jsonOf(value: object): SlicedWork<string> {
  if (!Array.isArray(value)) return JSON.stringify(value);
  const items: string[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    // As JSON.stringify writes what has no JSON of its own inside an array.
    items[i] = JSON.stringify(value[i]) ?? 'null';
    if (i % ITEMS_PER_YIELD === ITEMS_PER_YIELD - 1) yield;
  }
  return `[${items.join(',')}]`;
}

/** The segment of a shared part, made once per identity. */
function segmentOf(part: object): Promise<Segment> {
  let segment = kept.get(part);
  if (!segment) {
    segment = finishInSlices(jsonOf(part)).then(json => ({
      json: Buffer.from(json),
    }));
    kept.set(part, segment);
    // A part that cannot be serialized is tried again (and fails again) by the next response.
    segment.catch(() => kept.delete(part));
  }
  return segment;
}

/** `value`'s JSON in order: its own text, and each of `parts` (objects inside it) as kept. */
export async function jsonSegments(
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): Promise<Segment[]> {
  const shared = new Map(
    await Promise.all(
      [...new Set(parts.filter((p): p is object => !!p))].map(
        async part => [part, await segmentOf(part)] as const,
      ),
    ),
  );
  const found: Segment[] = [];
  // A mark no string of the answer can equal: a control character and a nonce of this response.
  const mark = `\u0000${randomUUID()}:`;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !shared.has(v)) return v;
    found.push(shared.get(v)!);
    return `${mark}${found.length - 1}`;
  });
  const pieces = json.split(new RegExp(`"\\\\u0000${mark.slice(1)}(\\d+)"`));
  // split with a capture group: own text, part index, own text, …
  return pieces.map((piece, i) =>
    i % 2 === 0 ? { json: Buffer.from(piece) } : found[Number(piece)],
  );
}

/** `value` as JSON, with each of `parts` serialized once per identity. */
export async function jsonWithSharedParts(
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): Promise<string> {
  const segments = await jsonSegments(value, parts);
  return Buffer.concat(segments.map(s => s.json)).toString();
}

/** Sends `value` as `res.json` would (without an ETag), with its shared parts kept. */
export async function sendWithSharedParts(
  req: Request,
  res: Response,
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): Promise<void> {
  const segments = await jsonSegments(value, parts);
  res.type('application/json');
  res.vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    await writeGzipped(res, segments);
    return;
  }
  res.setHeader(
    'Content-Length',
    segments.reduce((n, s) => n + s.json.length, 0),
  );
  for (const segment of segments) res.write(segment.json);
  res.end();
}
