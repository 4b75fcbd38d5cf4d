/* Input validation shared by the routes: zod schemas whose failures become InputErrors (400). */
import { InputError } from '@backstage/errors';
import { parseWindow } from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';

// Backstage entity name rules (catalog-model's default validators): 1–63 chars, alphanumerics and [-_.].
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export const entityParams = z.object({
  kind: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9]{0,62}$/,
      'kind must be letters and digits, at most 63',
    ),
  namespace: z
    .string()
    .regex(
      NAME,
      'namespace must be 1-63 characters of letters, digits, -, _ and .',
    ),
  name: z
    .string()
    .regex(NAME, 'name must be 1-63 characters of letters, digits, -, _ and .'),
});

/** A query parameter that must appear at most once (Express turns repeats into arrays). */
export const single = (field: string) =>
  z.string({
    invalid_type_error: `${field} must be given once, as a single value`,
  });

export function parse<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map(i =>
      i.code === 'unrecognized_keys'
        ? unknownParameters(i.keys)
        : i.path.length
        ? `${i.path.map(p => capped(String(p))).join('.')}: ${i.message}`
        : i.message,
    );
    throw new InputError(`Invalid ${what}: ${detail.join('; ')}`);
  }
  return result.data;
}

/** Client-supplied names in messages: at most 40 characters each (a 10 kB key is not echoed). */
const capped = (value: string) =>
  value.length > 40 ? `${value.slice(0, 40)}…` : value;

function unknownParameters(keys: string[]): string {
  // zod's wording (clients and tests know it), with the keys capped in length and number.
  const shown = keys.slice(0, 3).map(k => `'${capped(k)}'`);
  const more = keys.length > 3 ? ` and ${keys.length - 3} more` : '';
  return `Unrecognized key(s) in object: ${shown.join(', ')}${more}`;
}

/**
 * Query keys Express's parser silently drops (`__proto__`, `__proto__[x]`, `constructor[…]`): none
 * is a parameter of any route, and dropping one would hide a malformed request. Checked on the raw
 * query string; other nested keys (`window[]`) reach the route's own validation.
 */
export function rejectNestedQueryKeys(rawUrl: string): void {
  const query = rawUrl.includes('?')
    ? rawUrl.slice(rawUrl.indexOf('?') + 1)
    : '';
  const bad = [...new URLSearchParams(query).keys()].filter(k =>
    ['__proto__', 'constructor', 'prototype'].includes(k.split('[')[0]),
  );
  if (bad.length > 0)
    throw new InputError(`Invalid query: ${unknownParameters(bad)}`);
}

/** A validated rate window in seconds (see parseWindow); bad values are a 400 with the reason. */
export function windowSeconds(value: string): number {
  const window = parseWindow(value);
  if ('error' in window) throw new InputError(window.error);
  return window.seconds;
}
