/*
 * Building PromQL safely. Every value placed into a query goes through here: label names must be
 * identifiers, values are validated by the caller and escaped here, regex alternatives are
 * regex-escaped as well, durations are whole seconds. Nothing from a request is ever concatenated
 * into a query unescaped — a hostile annotation or label cannot change a query's shape.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Escapes a string for a double-quoted PromQL string literal. */
export function escapeString(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** Escapes RE2 metacharacters so the value matches itself literally inside `=~`. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function labelName(name: string): string {
  if (!LABEL_NAME.test(name))
    throw new Error(`Invalid label name '${name.slice(0, 40)}'`);
  return name;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export function matcher(name: string, op: MatchOp, value: string): string {
  return `${labelName(name)}${op}"${escapeString(value)}"`;
}

/** `name=~"a|b|c"` matching exactly the given values (anchored by PromQL). */
export function oneOf(name: string, values: string[]): string {
  if (values.length === 0) throw new Error('oneOf needs at least one value');
  return matcher(name, '=~', values.map(escapeRegex).join('|'));
}

export function selector(matchers: string[]): string {
  return matchers.length ? `{${matchers.join(',')}}` : '';
}

export function rangeSeconds(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds > 366 * 86400) {
    throw new Error(`Invalid range ${seconds}`);
  }
  return `[${seconds}s]`;
}

export function byLabels(labels: string[]): string {
  return `(${labels.map(labelName).join(',')})`;
}
