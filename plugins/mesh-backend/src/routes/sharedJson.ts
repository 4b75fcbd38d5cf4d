/*
 * JSON of answers whose large parts are shared by many responses (issue 15): /overview answers
 * every caller who sees the same entities with the same rows and graph until the next refresh
 * (../service/sharedAnswers), only its time fields differ. At 5,000 entities those parts are
 * megabytes, and serializing them again for every response cost more CPU than the rest of the
 * route. So each shared part is serialized once, kept by identity (a WeakMap: it goes with the
 * answer), and spliced into the response's JSON. Shared parts are never changed after they are
 * made (the services build new objects), which is what makes keeping their JSON correct.
 */
import { randomUUID } from 'crypto';
import { Response } from 'express';

const kept = new WeakMap<object, string>();

/** `value` as JSON, with each of `parts` (objects inside it) serialized once per identity. */
export function jsonWithSharedParts(
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): string {
  const shared = new Set(parts.filter((p): p is object => !!p));
  const texts: string[] = [];
  // A mark no string of the answer can equal: a control character and a nonce of this response.
  const mark = `\u0000${randomUUID()}:`;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !shared.has(v)) return v;
    let text = kept.get(v);
    if (text === undefined) kept.set(v, (text = JSON.stringify(v)));
    texts.push(text);
    return `${mark}${texts.length - 1}`;
  });
  const marked = new RegExp(`"\\\\u0000${mark.slice(1)}(\\d+)"`, 'g');
  return json.replace(marked, (_m, i: string) => texts[Number(i)]);
}

/** Sends `value` as `res.json` would, with its shared parts' JSON kept. */
export function sendWithSharedParts(
  res: Response,
  value: unknown,
  parts: ReadonlyArray<object | undefined>,
): void {
  res.type('application/json').send(jsonWithSharedParts(value, parts));
}
