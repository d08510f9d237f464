const REQUEST_LINE = /^([A-Za-z][A-Za-z-]{0,19}) (\S+)(?: (HTTP\/\d(?:\.\d)?))?$/;

/** Splits `GET /path?q HTTP/1.1` into method and target; `undefined` for `-`, TLS bytes on a plain port, etc. */
export function parseRequestLine(line: string): { method: string; target: string } | undefined {
  const m = REQUEST_LINE.exec(line);
  return m ? { method: (m[1] as string).toUpperCase(), target: m[2] as string } : undefined;
}
