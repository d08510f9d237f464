/**
 * A tiny SQL engine over in-memory rows, so a demo API can have a real SQL injection without a database:
 * `SELECT * FROM <table> [WHERE <expr>] [ORDER BY <column> [ASC|DESC]] [LIMIT n [OFFSET m]]`, with `=`, `!=`,
 * `<>`, `<`, `>`, `<=`, `>=`, `LIKE`, `AND`, `OR`, `NOT`, parentheses, `'strings'`, numbers, `?` parameters and
 * `--` comments. Errors read like SQLite's so error-based injection looks familiar.
 */

/** A syntax or evaluation error, worded like SQLite's. */
export class SqlError extends Error {
  /** The statement that failed (set by {@link runSqlQuery}). */
  query = '';

  constructor(message: string) {
    super(`SQLITE_ERROR: ${message}`);
    this.name = 'SqlError';
  }
}

type Value = string | number | boolean | null;
type Token =
  | { kind: 'string'; value: string; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'word'; value: string; text: string }
  | { kind: 'param'; text: string }
  | { kind: 'op'; value: string; text: string };

type Expr =
  | { kind: 'literal'; value: Value }
  | { kind: 'column'; name: string }
  | { kind: 'param'; index: number }
  | { kind: 'not'; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'LIMIT',
  'OFFSET',
]);

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new SqlError(`unrecognized token: "${sql.slice(i)}"`);
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      tokens.push({ kind: 'string', value, text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(sql.slice(i))![0];
      tokens.push({ kind: 'number', value: Number(match), text: match });
      i += match.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      tokens.push({ kind: 'word', value: match, text: match });
      i += match.length;
    } else if (c === '?') {
      tokens.push({ kind: 'param', text: '?' });
      i++;
    } else {
      const two = sql.slice(i, i + 2);
      const op = ['!=', '<>', '<=', '>='].includes(two) ? two : '=<>(),*;'.includes(c) ? c : undefined;
      if (op === undefined) throw new SqlError(`unrecognized token: "${c}"`);
      tokens.push({ kind: 'op', value: op, text: op });
      i += op.length;
    }
  }
  return tokens;
}

interface ParsedQuery {
  table: string;
  where: Expr | undefined;
  orderBy: { column: string; descending: boolean } | undefined;
  limit: number | undefined;
  offset: number;
}

function parse(tokens: Token[]): ParsedQuery {
  let pos = 0;
  let params = 0;
  const peek = () => tokens[pos];
  const near = () => new SqlError(`near "${peek()?.text ?? ''}": syntax error`);
  const isWord = (word: string) => {
    const t = peek();
    return t?.kind === 'word' && t.value.toUpperCase() === word;
  };
  const isOp = (op: string) => {
    const t = peek();
    return t?.kind === 'op' && t.value === op;
  };
  const expectWord = (word: string) => {
    if (!isWord(word)) throw near();
    pos++;
  };
  const identifier = (): string => {
    const t = peek();
    if (t?.kind !== 'word' || KEYWORDS.has(t.value.toUpperCase())) throw near();
    pos++;
    return t.value;
  };
  const integer = (): number => {
    const t = peek();
    if (t?.kind !== 'number' || !Number.isInteger(t.value)) throw near();
    pos++;
    return t.value;
  };

  const primary = (): Expr => {
    const t = peek();
    if (t === undefined) throw new SqlError('incomplete input');
    if (t.kind === 'string' || t.kind === 'number') {
      pos++;
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'param') {
      pos++;
      return { kind: 'param', index: params++ };
    }
    if (t.kind === 'word' && t.value.toUpperCase() === 'NULL') {
      pos++;
      return { kind: 'literal', value: null };
    }
    if (t.kind === 'word' && !KEYWORDS.has(t.value.toUpperCase())) {
      pos++;
      return { kind: 'column', name: t.value };
    }
    if (isOp('(')) {
      pos++;
      const inner = or();
      if (!isOp(')')) throw near();
      pos++;
      return inner;
    }
    throw near();
  };
  const comparison = (): Expr => {
    const left = primary();
    const t = peek();
    if (t?.kind === 'op' && ['=', '!=', '<>', '<', '>', '<=', '>='].includes(t.value)) {
      pos++;
      return { kind: 'binary', op: t.value, left, right: primary() };
    }
    if (isWord('LIKE')) {
      pos++;
      return { kind: 'binary', op: 'LIKE', left, right: primary() };
    }
    return left;
  };
  const not = (): Expr => {
    if (isWord('NOT')) {
      pos++;
      return { kind: 'not', operand: not() };
    }
    return comparison();
  };
  const and = (): Expr => {
    let left = not();
    while (isWord('AND')) {
      pos++;
      left = { kind: 'binary', op: 'AND', left, right: not() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (isWord('OR')) {
      pos++;
      left = { kind: 'binary', op: 'OR', left, right: and() };
    }
    return left;
  };

  expectWord('SELECT');
  if (!isOp('*')) throw near();
  pos++;
  expectWord('FROM');
  const table = identifier();
  let where: Expr | undefined;
  if (isWord('WHERE')) {
    pos++;
    where = or();
  }
  let orderBy: ParsedQuery['orderBy'];
  if (isWord('ORDER')) {
    pos++;
    expectWord('BY');
    const column = identifier();
    let descending = false;
    if (isWord('DESC') || isWord('ASC')) {
      descending = isWord('DESC');
      pos++;
    }
    orderBy = { column, descending };
  }
  let limit: number | undefined;
  let offset = 0;
  if (isWord('LIMIT')) {
    pos++;
    limit = integer();
    if (isWord('OFFSET')) {
      pos++;
      offset = integer();
    }
  }
  if (isOp(';')) pos++;
  if (pos !== tokens.length) throw near();
  return { table, where, orderBy, limit, offset };
}

function snakeToCamel(name: string): string {
  return name.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function column(row: Record<string, unknown>, name: string, style: SqlColumnStyle): Value {
  const key = style === 'exact-or-camelCase' && Object.hasOwn(row, name) ? name : snakeToCamel(name);
  if (!Object.hasOwn(row, key)) throw new SqlError(`no such column: ${name}`);
  const value = row[key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function truthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  const n = Number(value);
  return !Number.isNaN(n) && n !== 0;
}

function compare(left: Value, right: Value): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left).localeCompare(String(right));
}

function like(value: Value, pattern: Value): boolean {
  const source = String(pattern)
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(String(value));
}

function evaluate(
  expr: Expr,
  row: Record<string, unknown>,
  params: readonly Value[],
  style: SqlColumnStyle,
): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'column':
      return column(row, expr.name, style);
    case 'param':
      return params[expr.index] ?? null;
    case 'not':
      return !truthy(evaluate(expr.operand, row, params, style));
    case 'binary': {
      if (expr.op === 'AND')
        return (
          truthy(evaluate(expr.left, row, params, style)) && truthy(evaluate(expr.right, row, params, style))
        );
      if (expr.op === 'OR')
        return (
          truthy(evaluate(expr.left, row, params, style)) || truthy(evaluate(expr.right, row, params, style))
        );
      const left = evaluate(expr.left, row, params, style);
      const right = evaluate(expr.right, row, params, style);
      if (left === null || right === null) return null;
      if (expr.op === 'LIKE') return like(left, right);
      const order =
        typeof left === typeof right ? compare(left, right) : compare(String(left), String(right));
      switch (expr.op) {
        case '=':
          return order === 0;
        case '!=':
        case '<>':
          return order !== 0;
        case '<':
          return order < 0;
        case '>':
          return order > 0;
        case '<=':
          return order <= 0;
        default:
          return order >= 0;
      }
    }
  }
}

/**
 * How a column name written in SQL finds its key in a row:
 * - `camelCase`: rows are keyed in camelCase, so `owner_id` reads `ownerId` (the bank's rows);
 * - `exact-or-camelCase`: a key spelled exactly like the column (`owner_id`) wins, else the camelCase key
 *   (the clinic's snake_case rows).
 */
export type SqlColumnStyle = 'camelCase' | 'exact-or-camelCase';

/** Options of {@link runSqlQuery}. */
export interface RunSqlQueryOptions {
  /** How column names map to row keys; default `camelCase`. */
  readonly columnStyle?: SqlColumnStyle;
}

/** What a query returns: the page of rows and how many matched before LIMIT/OFFSET. */
export interface SqlQueryResult<Row> {
  readonly rows: Row[];
  readonly total: number;
}

/**
 * Runs one SELECT over `tables`. Values in `params` bind to `?` in order and are never parsed as SQL.
 * Throws {@link SqlError} for malformed SQL, unknown tables and unknown columns.
 */
export function runSqlQuery<Row extends object>(
  sql: string,
  tables: Readonly<Record<string, readonly Row[]>>,
  params: readonly Value[] = [],
  options: RunSqlQueryOptions = {},
): SqlQueryResult<Row> {
  try {
    return execute(sql, tables, params, options.columnStyle ?? 'camelCase');
  } catch (error) {
    if (error instanceof SqlError) error.query = sql;
    throw error;
  }
}

function execute<Row extends object>(
  sql: string,
  tables: Readonly<Record<string, readonly Row[]>>,
  params: readonly Value[],
  style: SqlColumnStyle,
): SqlQueryResult<Row> {
  const query = parse(tokenize(sql));
  const rows = tables[query.table];
  if (rows === undefined) throw new SqlError(`no such table: ${query.table}`);
  const matched = rows.filter(
    (row) =>
      query.where === undefined ||
      truthy(evaluate(query.where, row as Record<string, unknown>, params, style)),
  );
  if (query.orderBy !== undefined) {
    const { column: name, descending } = query.orderBy;
    if (matched[0] !== undefined) column(matched[0] as Record<string, unknown>, name, style);
    matched.sort((a, b) => {
      const order = compare(
        column(a as Record<string, unknown>, name, style),
        column(b as Record<string, unknown>, name, style),
      );
      return descending ? -order : order;
    });
  }
  const start = query.offset;
  const end = query.limit === undefined ? undefined : start + query.limit;
  return { rows: matched.slice(start, end), total: matched.length };
}
