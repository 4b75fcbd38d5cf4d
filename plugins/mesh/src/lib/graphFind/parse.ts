/*
 * The find/hide language of the traffic graph, after Kiali's (docs/graph-readability.md):
 * comparisons such as `rps > 5`, `%error >= 10`, `rt > 500`, `protocol = grpc`,
 * `name = reviews*`, unary operands such as `idle`, `outside`, `unknown`, `mtls`, joined with
 * AND / OR / NOT and parentheses. Unlike Kiali, AND binds tighter than OR (as in PromQL and SQL)
 * and parentheses group. This module only parses; `evaluate.ts` knows what operands mean.
 */

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type FindExpression =
  | { kind: 'or'; left: FindExpression; right: FindExpression }
  | { kind: 'and'; left: FindExpression; right: FindExpression }
  | { kind: 'not'; operand: FindExpression }
  | { kind: 'unary'; name: string; position: number }
  | {
      kind: 'compare';
      name: string;
      operator: ComparisonOperator;
      value: string;
      position: number;
    };

export class FindSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'FindSyntaxError';
  }
}

type Token =
  | { type: 'word'; text: string; position: number; quoted: boolean }
  | { type: 'op'; text: ComparisonOperator; position: number }
  | { type: '(' | ')' | 'and' | 'or' | 'not' | 'end'; position: number };

const OPERATORS: ComparisonOperator[] = ['!=', '<=', '>=', '=', '<', '>'];
const WORD = /[A-Za-z0-9_%.*\-/:]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const position = i;
    if (c === '(' || c === ')') {
      tokens.push({ type: c, position });
      i++;
      continue;
    }
    if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ type: c === '&' ? 'and' : 'or', position });
      i += 2;
      continue;
    }
    const operator = OPERATORS.find(op => text.startsWith(op, position));
    if (operator) {
      tokens.push({ type: 'op', text: operator, position });
      i += operator.length;
      continue;
    }
    if (c === '!') {
      tokens.push({ type: 'not', position });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new FindSyntaxError('Unclosed quote', position);
      tokens.push({
        type: 'word',
        text: text.slice(i + 1, end),
        position,
        quoted: true,
      });
      i = end + 1;
      continue;
    }
    if (!WORD.test(c)) {
      throw new FindSyntaxError(`Unexpected character "${c}"`, position);
    }
    let end = i;
    while (end < text.length && WORD.test(text[end])) end++;
    const word = text.slice(i, end);
    const keyword = word.toLowerCase();
    if (keyword === 'and' || keyword === 'or' || keyword === 'not') {
      tokens.push({ type: keyword, position });
    } else {
      tokens.push({ type: 'word', text: word, position, quoted: false });
    }
    i = end;
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

/** Parses an expression; throws FindSyntaxError with the position of the problem. */
export function parseFindExpression(text: string): FindExpression {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  function primary(): FindExpression {
    const token = next();
    if (token.type === '(') {
      const inner = or();
      const close = next();
      if (close.type !== ')') {
        throw new FindSyntaxError('Missing ")"', close.position);
      }
      return inner;
    }
    if (token.type !== 'word' || token.quoted) {
      throw new FindSyntaxError(
        token.type === 'end'
          ? 'Expression ends too early'
          : 'Expected an operand such as rps, name or idle',
        token.position,
      );
    }
    const name = token.text.toLowerCase();
    const operator = peek();
    if (operator.type !== 'op') {
      return { kind: 'unary', name, position: token.position };
    }
    next();
    const value = next();
    if (value.type !== 'word') {
      throw new FindSyntaxError(
        `Expected a value after "${operator.text}"`,
        value.position,
      );
    }
    return {
      kind: 'compare',
      name,
      operator: operator.text,
      value: value.text,
      position: token.position,
    };
  }

  function not(): FindExpression {
    if (peek().type === 'not') {
      next();
      return { kind: 'not', operand: not() };
    }
    return primary();
  }

  function and(): FindExpression {
    let left = not();
    while (peek().type === 'and') {
      next();
      left = { kind: 'and', left, right: not() };
    }
    return left;
  }

  function or(): FindExpression {
    let left = and();
    while (peek().type === 'or') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }

  const expression = or();
  const rest = peek();
  if (rest.type !== 'end') {
    throw new FindSyntaxError(
      'Expected AND, OR or the end of the expression',
      rest.position,
    );
  }
  return expression;
}
