/*
 * Kubernetes label selectors: the string form used by `backstage.io/kubernetes-label-selector`
 * (`app=reviews,tier in (web,api),!canary`) and the structured form of workload specs.
 */
import { LabelSelector } from './types';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

/** A parsed selector: every requirement must hold. */
export type ParsedSelector = Requirement[];

// Label keys: optional DNS-subdomain prefix and a name of at most 63 characters; values likewise.
const KEY =
  /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/**
 * Parses the Kubernetes string form. Throws an Error with a readable message on bad input
 * (callers turn it into an InputError or a per-entity error).
 */
export function parseLabelSelector(text: string): ParsedSelector {
  const requirements: ParsedSelector = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (!term) throw new Error(`Empty term in label selector '${text}'`);
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s+(in|notin)\s+\(([^()]*)\)$/.exec(term))) {
      const values = m[3].split(',').map(v => v.trim());
      requirements.push({
        key: checkKey(m[1], text),
        op: m[2] as 'in' | 'notin',
        values: values.map(v => checkValue(v, text)),
      });
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term))) {
      const key = checkKey(m[1], text);
      const value = checkValue(m[3], text);
      requirements.push({
        key,
        op: m[2] === '!=' ? 'notin' : 'in',
        values: [value],
      });
    } else if ((m = /^!\s*(\S+)$/.exec(term))) {
      requirements.push({ key: checkKey(m[1], text), op: 'notexists' });
    } else if (KEY.test(term)) {
      requirements.push({ key: term, op: 'exists' });
    } else {
      throw new Error(`Cannot parse label selector term '${term}'`);
    }
  }
  if (requirements.length === 0) throw new Error('Label selector is empty');
  return requirements;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function checkKey(key: string, text: string): string {
  if (!KEY.test(key))
    throw new Error(`Invalid label key '${key}' in selector '${text}'`);
  return key;
}
function checkValue(value: string, text: string): string {
  if (!VALUE.test(value))
    throw new Error(`Invalid label value '${value}' in selector '${text}'`);
  return value;
}

/** Converts the structured form (matchLabels/matchExpressions) to the parsed form. */
export function fromLabelSelector(selector: LabelSelector): ParsedSelector {
  const requirements: ParsedSelector = Object.entries(
    selector.matchLabels ?? {},
  ).map(([key, value]) => ({ key, op: 'in' as const, values: [value] }));
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In')
      requirements.push({ key: e.key, op: 'in', values: e.values ?? [] });
    if (e.operator === 'NotIn')
      requirements.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    if (e.operator === 'Exists')
      requirements.push({ key: e.key, op: 'exists' });
    if (e.operator === 'DoesNotExist')
      requirements.push({ key: e.key, op: 'notexists' });
  }
  return requirements;
}

/** True when the labels satisfy every requirement. An empty selector matches everything. */
export function matchesSelector(
  selector: ParsedSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return selector.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}

/** Formats a parsed selector back into the Kubernetes string form. */
export function formatLabelSelector(selector: ParsedSelector): string {
  return selector
    .map(r => {
      if (!('values' in r)) return r.op === 'exists' ? r.key : `!${r.key}`;
      if (r.values.length === 1)
        return `${r.key}${r.op === 'in' ? '=' : '!='}${r.values[0]}`;
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    })
    .join(',');
}

/** `matchLabels` shorthand. */
export function matchesLabels(
  wanted: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(wanted ?? {}).every(([k, v]) => labels?.[k] === v);
}
