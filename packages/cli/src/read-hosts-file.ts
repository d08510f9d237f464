import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RampartError } from '@rampart/core';

/** One host of a hosts file. */
export interface HostsFileEntry {
  /** The origin (with base path when given), without a trailing slash. */
  readonly target: string;
  /** The host's own OpenAPI description or HAR file, resolved against the hosts file's directory. */
  readonly source?: string;
  /** 1-based line in the hosts file. */
  readonly line: number;
}

/**
 * Reads a hosts file: one target per line, `http(s)://host[:port][/base]`, optionally followed by the path of
 * that host's OpenAPI description or HAR file (relative to the hosts file); blank lines and `#` comments are
 * ignored. Every malformed line is listed in one `RAMPART_ERR_USAGE` error with its line number, as is a
 * target given twice or a file with no target.
 */
export async function readHostsFile(file: string, cwd: string): Promise<HostsFileEntry[]> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `cannot read the hosts file ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause, hint: 'check the path given to --hosts' },
    );
  }
  const entries: HostsFileEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') continue;
    const [target, source, ...rest] = content.split(/\s+/) as [string, string?, ...string[]];
    let url: URL | undefined;
    try {
      url = new URL(target);
    } catch {
      // reported below
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.push(`${file}:${line}: ${JSON.stringify(target)} is not an http(s) URL`);
      continue;
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      problems.push(
        `${file}:${line}: ${JSON.stringify(target)} must be an origin with an optional base path, without query, fragment or credentials`,
      );
      continue;
    }
    if (rest.length > 0) {
      problems.push(
        `${file}:${line}: unexpected ${JSON.stringify(rest.join(' '))} after the description path`,
      );
      continue;
    }
    const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    const first = seen.get(normalized);
    if (first !== undefined) {
      problems.push(`${file}:${line}: ${normalized} is already listed on line ${first}`);
      continue;
    }
    seen.set(normalized, line);
    entries.push({
      target: normalized,
      ...(source === undefined
        ? {}
        : { source: /^https?:\/\//i.test(source) ? source : resolve(dirname(path), source) }),
      line,
    });
  }
  if (problems.length > 0) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `the hosts file ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`,
      {
        hint: 'one target per line: https://api.example.com [openapi.yaml | traffic.har]; # starts a comment',
      },
    );
  }
  if (entries.length === 0) {
    throw new RampartError('RAMPART_ERR_USAGE', `the hosts file ${file} lists no target`, {
      hint: 'one target per line: https://api.example.com [openapi.yaml | traffic.har]',
    });
  }
  return entries;
}
