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
      i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    );
    throw new InputError(`Invalid ${what}: ${detail.join('; ')}`);
  }
  return result.data;
}

/** A validated rate window in seconds (see parseWindow); bad values are a 400 with the reason. */
export function windowSeconds(value: string): number {
  const window = parseWindow(value);
  if ('error' in window) throw new InputError(window.error);
  return window.seconds;
}
