import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';
import { SQL_FUNCTION_NAMES } from './sql-function-names.js';
import { type SqlToken, tokenizeSql } from './tokenize-sql.js';

/** SQL words that carry an injection without any punctuation. */
const SQL_WORDS =
  /::|union|select|waitfor|xp_|sp_|information_schema|sysobjects|syscolumns|pg_catalog|pg_sleep|sqlite_master|tempdb|msdb|msys|utl_http|openrowset|benchmark|sleep|load_file/;

/** SQL functions seen in injections: time delays, file and network access, error-based extraction. */
const DANGEROUS_FUNCTIONS = new Set([
  'sleep',
  'benchmark',
  'pg_sleep',
  'pg_sleep_for',
  'load_file',
  'extractvalue',
  'updatexml',
  'xp_cmdshell',
  'xp_dirtree',
  'xp_regread',
  'sp_executesql',
  'pg_read_file',
  'pg_ls_dir',
  'lo_import',
  'name_const',
  'randomblob',
  'receive_message',
  'get_host_name',
  'request',
  'make_set',
  'geometrycollection',
  'multipoint',
  'polygon',
  'exp',
]);

/** Functions common in injected expressions, harmless in isolation. */
const SQL_FUNCTIONS = new Set([
  ...DANGEROUS_FUNCTIONS,
  'version',
  'database',
  'user',
  'current_user',
  'system_user',
  'session_user',
  'schema',
  'db_name',
  'user_name',
  'host_name',
  'char',
  'chr',
  'nchar',
  'ascii',
  'ord',
  'hex',
  'unhex',
  'concat',
  'concat_ws',
  'group_concat',
  'string_agg',
  'substring',
  'substr',
  'mid',
  'length',
  'len',
  'cast',
  'convert',
  'floor',
  'rand',
  'count',
  'if',
  'ifnull',
  'iif',
  'isnull',
  'coalesce',
  'nullif',
  'exists',
  'elt',
  'instr',
  'locate',
  'sqlite_version',
  'current_database',
  'connection_id',
  'row_count',
  'found_rows',
]);

/** Functions whose only use in a value is to fingerprint the database. */
const FINGERPRINT_FUNCTIONS = new Set([
  'database',
  'db_name',
  'schema_name',
  'current_user',
  'system_user',
  'session_user',
  'user_name',
  'version',
  'sqlite_version',
  'current_database',
  'pg_backend_pid',
  'connection_id',
  'last_insert_id',
  'group_concat',
  'load_file',
]);

/** Schema objects and variables no ordinary value mentions, but every enumeration payload does. */
const CATALOG_WORDS = new Set([
  'information_schema',
  'sysobjects',
  'syscolumns',
  'sysdatabases',
  'sysusers',
  'pg_catalog',
  'pg_shadow',
  'pg_user',
  'sqlite_master',
  'sqlite_schema',
  'all_tables',
  'user_tables',
  'dba_users',
  'msysobjects',
  'msysaccessobjects',
  'msysaces',
  'msysqueries',
  'msysrelationships',
  'mysql.user',
  'tempdb',
  'msdb',
  'pg_database',
  'pg_namespace',
  'pg_proc',
  'all_tab_columns',
  'user_tab_columns',
  'all_users',
  'v$version',
  'sys.tables',
  'sys.columns',
  'sys.databases',
  'sys.objects',
]);

/**
 * SQL that is recognisable from one construct, wherever it appears: PostgreSQL casts and JSON operators after a
 * literal (`'…'::jsonb <@ '…'`, `password::int`), T-SQL variables declared or executed (`DECLARE @b`, `EXEC (@q`),
 * CASE WHEN … THEN, `) LIKE (`, `IF(1=`, a SELECT of a function call, column aliases before FROM
 * (`1 AS "x" FROM t`), and functions no ordinary value calls (`load_file(`, `extractvalue(`).
 */
const CONSTRUCTS: ReadonlyArray<readonly [RegExp, number, string]> = [
  [
    /(?:['")\]]|\b[a-z_][a-z0-9_]*)\s*::\s*(?:jsonb?|int[248]?|integer|bigint|bool(?:ean)?|text|varchar|regclass|oid|bytea|numeric|inet|xml)\b/,
    0.75,
    'sqli-postgres-cast',
  ],
  [/['"]\s*(?:<@|@>|\?\||\?&|#>>?|->>?)\s*['"]/, 0.8, 'sqli-json-operator'],
  [/\b(?:declare|exec(?:ute)?)\s*(?:\/\*[^*]{0,100}\*\/\s*)*\(?\s*@[a-z_]/, 0.8, 'sqli-tsql-variable'],
  [/\bcase\s+when\b[^;]{1,200}\bthen\b/, 0.75, 'sqli-case-when'],
  [/\)\s*(?:not\s+)?(?:like|rlike|regexp|glob)\s*\(/, 0.75, 'sqli-like-operator'],
  [/(?:^|[^a-z0-9_])if\s*\(\s*\d+\s*[=<>]/, 0.75, 'sqli-if-condition'],
  [/\bselect\s*\(?\s*(?:[a-z_][a-z0-9_]*)\s*\(/, 0.8, 'sqli-select-function'],
  [
    /\bas\s+[`"'][^`"']{1,64}[`"']\s*(?:from|,)\b|[`"]\s+as\s+[`"'][^`"']{1,64}[`"']\s*from\b|\)\s*as\s+[a-z_`"]\S{0,64}\s+from\b/,
    0.75,
    'sqli-column-alias',
  ],
  [
    /\b(?:load_file|extractvalue|updatexml|pg_sleep|pg_read_file|benchmark|xp_cmdshell|xp_dirtree|utl_http\.request|dbms_pipe\.receive_message|sys_eval|sys_exec)\s*\(/,
    0.75,
    'sqli-dangerous-function',
  ],
  [/\bhaving\s+count\s*\(|\bgroup\s+by\b[^;]{1,100}\bhaving\b/, 0.75, 'sqli-having'],
];
const CONSTRUCT_HINT =
  /::|<@|@>|->|#>|declare|exec|case|like|glob|regexp|if|select|as|load_file|extractvalue|updatexml|pg_|benchmark|xp_|utl_|dbms_|sys_|having/;

const STATEMENT_FOLLOWERS: Readonly<Record<string, readonly string[]>> = {
  drop: ['table', 'database', 'view', 'procedure', 'function', 'user', 'index', 'schema', 'trigger'],
  create: ['table', 'database', 'view', 'procedure', 'function', 'user', 'index', 'trigger', 'or'],
  alter: ['table', 'database', 'user', 'login', 'view'],
  truncate: ['table'],
  insert: ['into'],
  delete: ['from'],
  waitfor: ['delay', 'time'],
  grant: ['all', 'select', 'insert', 'update', 'delete', 'execute'],
  load: ['data'],
};

const OPERAND = new Set(['str', 'num', 'word', 'var', 'rparen', 'lparen']);

function significant(tokens: readonly SqlToken[]): SqlToken[] {
  return tokens.filter((t) => t.kind !== 'comment');
}

/** A statement that can follow `;` (stacked queries), checked against its grammar so prose like "…; update me" is not one. */
function isStatementStart(tokens: readonly SqlToken[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) return false;
  if (t.kind === 'select') {
    return isSelectList(tokens, i) || tokens.slice(i + 1, i + 8).some((x) => x.kind === 'clause');
  }
  if (t.kind === 'stmt') {
    const followers = STATEMENT_FOLLOWERS[t.text];
    const next = tokens[i + 1];
    if (t.text === 'update')
      return next?.kind === 'word' && tokens[i + 2]?.kind === 'stmt' && tokens[i + 2]?.text === 'set';
    if (t.text === 'declare' || t.text === 'set') return next?.kind === 'var';
    if (followers === undefined) return false;
    if (t.text === 'shutdown') return next === undefined;
    if (t.text === 'exec' || t.text === 'execute')
      return (
        next !== undefined &&
        (next.kind === 'lparen' || next.kind === 'var' || /^(?:xp_|sp_|master)/.test(next.text))
      );
    if (followers.length === 0) return false;
    return next !== undefined && followers.includes(next.text);
  }
  return false;
}

/** `SELECT` followed by something only SQL puts there: `*`, a number, `NULL`, `@@var`, a function call, a list. */
function isSelectList(tokens: readonly SqlToken[], i: number): boolean {
  const a = tokens[i + 1];
  const b = tokens[i + 2];
  if (a === undefined) return false;
  if (a.kind === 'op' && a.text === '*') return true;
  if (a.kind === 'num' || a.kind === 'var' || a.kind === 'str') return true;
  if (a.kind === 'word' && (b?.kind === 'lparen' || b?.kind === 'comma' || b?.kind === 'dot')) return true;
  if (a.kind === 'lparen' && tokens[i + 2]?.kind === 'select') return true;
  return false;
}

function isFunctionCall(tokens: readonly SqlToken[], i: number): boolean {
  const t = tokens[i];
  return t !== undefined && tokens[i + 1]?.kind === 'lparen' && (t.kind === 'word' || t.kind === 'stmt');
}

/**
 * What follows a logical operator: a comparison (`1=1`, `'a'='a`, `x LIKE '%'`), a bare truth value followed by the
 * end or a comment (`' OR 1--`), a subquery, or a function call. Returns a score or 0.
 */
function scoreBooleanTail(tokens: readonly SqlToken[], i: number, ended: boolean): number {
  let j = i;
  while (tokens[j]?.kind === 'logic' && tokens[j]?.text === 'not') j++;
  while (tokens[j]?.kind === 'lparen') j++;
  const a = tokens[j];
  if (a === undefined) return 0;
  if (a.kind === 'select') return 0.9;
  if (isFunctionCall(tokens, j)) return SQL_FUNCTIONS.has(a.text) ? 0.9 : 0.6;
  if (!OPERAND.has(a.kind)) return 0;
  const b = tokens[j + 1];
  if (b === undefined) return a.kind === 'num' && ended ? 0.85 : a.kind === 'num' ? 0.55 : 0;
  if (b.kind === 'cmp') {
    const c = tokens[j + 2];
    if (c === undefined) return 0.5;
    if (OPERAND.has(c.kind) || c.kind === 'select' || c.kind === 'op') {
      // `word = word` in prose ("a or b = c") is rare; literals on either side are the classic tautology.
      if (a.kind === 'word' && c.kind === 'word') return 0.7;
      return 0.9;
    }
    return 0.5;
  }
  if (b.kind === 'op' && (a.kind === 'num' || a.kind === 'str')) return 0.8;
  if ((b.kind === 'semi' || b.kind === 'rparen') && a.kind === 'num') return 0.8;
  return 0;
}

/**
 * Scores what comes right after the point where the value breaks out of its context (`tail[0]` is the first token
 * after the closing quote, or the first token of a numeric value).
 */
function scoreBreakout(tail: readonly SqlToken[], hadComment: boolean, quoted: boolean): number {
  let i = 0;
  while (tail[i]?.kind === 'rparen') i++;
  const t = tail[i];
  if (t === undefined) return quoted && hadComment ? 0.8 : 0;
  switch (t.kind) {
    case 'logic':
      return scoreBooleanTail(tail, i + 1, tail.length === i + 2 || hadComment);
    case 'union': {
      let k = i + 1;
      if (tail[k]?.text === 'all' || tail[k]?.text === 'distinct') k++;
      while (tail[k]?.kind === 'lparen') k++;
      return tail[k]?.kind === 'select' ? 0.95 : 0;
    }
    case 'semi':
      if (isStatementStart(tail, i + 1)) return 0.9;
      // x'; : the value closes the string and ends the statement; whatever the query had next is cut off.
      return quoted && i === 0 && tail.length === 1 ? 0.75 : 0;
    case 'clause':
      if ((t.text === 'order' || t.text === 'group') && tail[i + 1]?.text === 'by')
        return quoted ? 0.85 : 0.6;
      if (t.text === 'into' && (tail[i + 1]?.text === 'outfile' || tail[i + 1]?.text === 'dumpfile'))
        return 0.9;
      if (t.text === 'procedure' && tail[i + 1]?.text === 'analyse') return 0.9;
      if (t.text === 'having' || t.text === 'where') return quoted ? 0.75 : 0;
      if (t.text === 'limit' || t.text === 'from') return quoted && hadComment ? 0.7 : 0;
      return 0;
    case 'cmp':
      if (!quoted) return 0;
      // x'='x : closes the string, compares, and reopens it.
      if (tail[i + 1] !== undefined && OPERAND.has(tail[i + 1]!.kind)) {
        const after = tail[i + 2];
        if (after === undefined || after.kind === 'logic') return 0.75;
      }
      return 0;
    case 'op':
      // '||pg_sleep(5)||' or '+sleep(5)+' or '-0-'
      if (isFunctionCall(tail, i + 1) && SQL_FUNCTIONS.has(tail[i + 1]!.text)) return quoted ? 0.85 : 0.6;
      if (quoted && tail[i + 1]?.kind === 'lparen' && tail[i + 2]?.kind === 'select') return 0.9;
      return 0;
    case 'num':
    case 'str':
      // Numeric context: 1 OR 1=1, 1) AND (1=1, 1; DROP …, 1 UNION …
      if (quoted) return 0;
      {
        let k = i + 1;
        while (tail[k]?.kind === 'rparen') k++;
        const next = tail[k];
        if (next === undefined) return 0;
        if (next.kind === 'logic')
          return scoreBooleanTail(tail, k + 1, tail.length === k + 2 || hadComment) * 0.95;
        if (next.kind === 'union') return scoreBreakout(tail.slice(k), hadComment, true);
        if (next.kind === 'semi' && isStatementStart(tail, k + 1)) return 0.9;
        if (
          next.kind === 'clause' &&
          (next.text === 'order' || next.text === 'group') &&
          tail[k + 1]?.text === 'by'
        )
          return 0.6;
      }
      return 0;
    default:
      return 0;
  }
}

/** Patterns that are SQL wherever they appear in the value. */
function scoreAnywhere(tokens: readonly SqlToken[]): { score: number; at: number; rule: string } {
  let best = { score: 0, at: 0, rule: '' };
  const take = (score: number, at: number, rule: string): void => {
    if (score > best.score) best = { score, at, rule };
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'union') {
      let j = i + 1;
      if (tokens[j]?.text === 'all' || tokens[j]?.text === 'distinct') j++;
      while (tokens[j]?.kind === 'lparen') j++;
      if (tokens[j]?.kind === 'select') take(0.9, t.start, 'sqli-union');
    } else if (t.kind === 'semi') {
      if (isStatementStart(tokens, i + 1)) take(0.85, t.start, 'sqli-stacked-query');
    } else if (t.kind === 'select') {
      if (
        isSelectList(tokens, i) &&
        tokens.slice(i + 2, i + 24).some((x) => x.kind === 'clause' && x.text === 'from')
      )
        take(0.65, t.start, 'sqli-select-from');
    } else if (t.kind === 'word' || t.kind === 'stmt') {
      if (
        isFunctionCall(tokens, i) &&
        DANGEROUS_FUNCTIONS.has(t.text) &&
        t.text !== 'exp' &&
        t.text !== 'request'
      ) {
        const arg = tokens[i + 2];
        take(arg !== undefined && arg.kind !== 'rparen' ? 0.8 : 0.55, t.start, 'sqli-dangerous-function');
      } else if (isFunctionCall(tokens, i) && SQL_FUNCTION_NAMES.has(t.text)) {
        take(0.7, t.start, 'sqli-sql-function');
      } else if (isFunctionCall(tokens, i) && FINGERPRINT_FUNCTIONS.has(t.text)) {
        take(0.7, t.start, 'sqli-fingerprint-function');
      } else if (
        t.text === 'waitfor' &&
        (tokens[i + 1]?.text === 'delay' || tokens[i + 1]?.text === 'time')
      ) {
        take(0.9, t.start, 'sqli-time-delay');
      } else if (t.text === 'xp_cmdshell' || t.text === 'sp_executesql' || t.text === 'sp_oacreate') {
        take(0.85, t.start, 'sqli-dangerous-function');
      } else if (CATALOG_WORDS.has(t.text)) {
        take(0.75, t.start, 'sqli-catalog');
      } else if (t.text === 'mysql' && tokens[i + 1]?.kind === 'dot' && tokens[i + 2]?.text === 'user') {
        take(0.75, t.start, 'sqli-catalog');
      }
    } else if (t.kind === 'var' && t.text.startsWith('@@')) {
      take(0.7, t.start, 'sqli-system-variable');
    }
  }
  return best;
}

function detectInContext(text: string, prefix: '' | "'" | '"'): Detection | undefined {
  const all = tokenizeSql(text, prefix);
  let best: Detection | undefined;
  if (prefix !== '') {
    const first = all[0];
    if (first === undefined || !first.closed) return undefined;
    const rest = all.slice(1);
    const hadComment = rest[0]?.kind === 'comment' || rest.some((t) => t.kind === 'comment' && t.start > 0);
    const tail = significant(rest);
    const score = scoreBreakout(tail, rest[0]?.kind === 'comment' || hadComment, true);
    if (score > 0) {
      const ruleId =
        rest[0]?.kind === 'comment' && tail.length === 0
          ? 'sqli-comment-terminator'
          : tail[0]?.kind === 'union'
            ? 'sqli-union'
            : tail[0]?.kind === 'semi'
              ? 'sqli-stacked-query'
              : 'sqli-string-breakout';
      best = { score, ruleId, evidence: excerpt(text, Math.max(0, first.end - 1)) };
    }
    const anywhere = scoreAnywhere(tail);
    if (anywhere.score > 0)
      best = strongerDetection(best, {
        score: anywhere.score,
        ruleId: anywhere.rule,
        evidence: excerpt(text, anywhere.at),
      });
    return best;
  }
  const tokens = significant(all);
  const hadComment = all.some((t) => t.kind === 'comment');
  const score = scoreBreakout(tokens, hadComment, false);
  if (score > 0) best = { score, ruleId: 'sqli-numeric-breakout', evidence: excerpt(text, 0) };
  const anywhere = scoreAnywhere(tokens);
  if (anywhere.score > 0)
    best = strongerDetection(best, {
      score: anywhere.score,
      ruleId: anywhere.rule,
      evidence: excerpt(text, anywhere.at),
    });
  return best;
}

/**
 * SQL injection. The value is tokenized three times, as if it were placed in a numeric context, inside a
 * single-quoted string and inside a double-quoted string; each reading is scored on the token sequence right after
 * the value escapes its context (boolean tautologies, UNION, stacked statements, comment terminators, ORDER BY
 * probing, time-delay calls) and on patterns that are SQL anywhere (UNION SELECT, catalog tables, dangerous
 * functions, `@@` variables). Apostrophes in names ("O'Brien") and SQL words in prose ("select a plan") do not
 * form such sequences.
 */
export const sqliDetector: InjectionDetector = {
  class: 'sqli',
  triggers:
    CharClass.QUOTE |
    CharClass.PAREN |
    CharClass.SEMI |
    CharClass.HASH |
    CharClass.EQUALS |
    CharClass.ANGLE |
    CharClass.PIPE_AMP |
    CharClass.AT |
    CharClass.STAR,
  prefilter: (lower) => SQL_WORDS.test(lower),
  detect(text, lower) {
    let best = detectInContext(text, '');
    if (CONSTRUCT_HINT.test(lower))
      for (const [pattern, score, ruleId] of CONSTRUCTS) {
        const m = pattern.exec(lower);
        if (m !== null) best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, m.index) });
      }
    if (text.includes("'")) best = strongerDetection(best, detectInContext(text, "'"));
    if (text.includes('"')) best = strongerDetection(best, detectInContext(text, '"'));
    return best;
  },
};
