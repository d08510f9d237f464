/** A recognisable trace of a stack, framework or database in a response body. */
export interface ErrorSignature {
  readonly stack: string;
  readonly pattern: RegExp;
}

/** Signatures of verbose errors, by stack (CWE-209). Bodies are searched as raw text (JSON-escaped too). */
export const ERROR_SIGNATURES: readonly ErrorSignature[] = [
  { stack: 'Node.js', pattern: /\bat (?:[\w$.<>[\] ]+ )?\(?(?:file:\/\/|node:|\/)[^\s()]+:\d+:\d+\)?/ },
  {
    stack: 'Node.js',
    pattern: /\bat (?:Object\.<anonymous>|JSON\.parse|Module\._compile|process\.processTicksAndRejections)\b/,
  },
  {
    stack: 'Node.js',
    pattern: /(?:SyntaxError|TypeError|ReferenceError|RangeError): [^"\n]{3,200}\\n\s+at /,
  },
  { stack: 'Java', pattern: /\bat [\w$.]+\([\w$]+\.java:\d+\)/ },
  {
    stack: 'Java',
    pattern:
      /\b(?:java|javax|jakarta)\.[\w.]+(?:Exception|Error)\b|Whitelabel Error Page|org\.springframework\.[\w.]+Exception/,
  },
  { stack: 'Python', pattern: /Traceback \(most recent call last\)|File \\?"[^"\\]+\.py\\?", line \d+/ },
  { stack: 'Python', pattern: /\bdjango\.[\w.]+(?:Error|Exception)\b|Werkzeug Debugger/ },
  {
    stack: 'PHP',
    pattern:
      /(?:Fatal error|Parse error|Warning|Notice)<\/b>?:? .{0,200} in (?:<b>)?\/[^ ]+\.php(?:<\/b>)? on line|Stack trace:\s*(?:\\n)?#0 |Illuminate\\\\|Ignition/,
  },
  {
    stack: '.NET',
    pattern:
      /\bSystem\.[\w.]+Exception\b|\bat [\w.`]+\([^)]*\) in [^:]+:line \d+|Server Error in '\/' Application/,
  },
  { stack: 'Go', pattern: /goroutine \d+ \[running\]|panic: runtime error|\.go:\d+ \+0x[0-9a-f]+/ },
  { stack: 'Ruby', pattern: /\.rb:\d+:in `|ActionController::RoutingError|ActiveRecord::\w+Error/ },
  {
    stack: 'SQL',
    pattern:
      /SQLITE_ERROR|SQLSTATE\[|You have an error in your SQL syntax|\bORA-\d{5}\b|PG::\w+Error|psycopg2\.\w+|unterminated quoted string|syntax error at or near|Microsoft OLE DB Provider|ODBC SQL Server Driver|SqlException|near \\?"[^"\\]{0,40}\\?": syntax error|Unclosed quotation mark|SQLException|MySqlException|org\.hibernate\.\w+/,
  },
];

/** The first verbose-error signature in `body`, with the matched text (cut to 160 characters). */
export function matchErrorSignature(body: string): { stack: string; match: string } | undefined {
  for (const signature of ERROR_SIGNATURES) {
    const match = signature.pattern.exec(body);
    if (match) return { stack: signature.stack, match: match[0].slice(0, 160) };
  }
  return undefined;
}
