import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { RampartError } from '@rampart/core';

/** One document to audit: where it is, and the glob that found it (absent when it was named directly). */
export interface DocumentSource {
  /** Absolute file path, or the http(s) URL as given. */
  readonly path: string;
  /** The command-line pattern that matched it, when it came from a glob. */
  readonly pattern?: string;
}

/** A directory entry is never matched by a wildcard or `**` when it has one of these names. */
const SKIPPED_BY_WILDCARDS = new Set(['node_modules']);

type Segment =
  | { readonly kind: 'globstar' }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'wildcard'; readonly regex: RegExp; readonly dot: boolean };

/**
 * Turns command-line document arguments into the list of documents to audit, in the order given, without
 * duplicates. Node 20 has no `fs.glob`, so this is a small matcher of its own:
 *
 * - `*` matches any characters but `/` within one path segment, `?` exactly one;
 * - `**` as a whole segment matches zero or more directories;
 * - `{a,b}` expands to alternatives (nested braces too; a brace without a comma is literal);
 * - wildcards do not match names starting with `.` unless the pattern segment does, and never descend into
 *   `node_modules` unless the pattern names it; symbolic links to directories are followed only when a
 *   segment other than `**` names them (so `**` cannot loop).
 *
 * An argument with no wildcard and no braces is taken as given, existing or not (the loader reports a missing
 * file with its own error), as are http(s) URLs. Matches of one pattern are sorted. Throws `RAMPART_ERR_USAGE`
 * naming a pattern that matches no file.
 */
export async function expandDocumentGlobs(
  patterns: readonly string[],
  cwd: string,
): Promise<DocumentSource[]> {
  const seen = new Set<string>();
  const sources: DocumentSource[] = [];
  const add = (source: DocumentSource) => {
    if (seen.has(source.path)) return;
    seen.add(source.path);
    sources.push(source);
  };
  for (const pattern of patterns) {
    if (/^https?:\/\//i.test(pattern)) {
      add({ path: pattern });
      continue;
    }
    const alternatives = expandBraces(pattern);
    if (alternatives.length === 1 && !hasWildcard(pattern)) {
      add({ path: resolve(cwd, pattern) });
      continue;
    }
    const matches = new Set<string>();
    for (const alternative of alternatives) {
      for (const file of await matchGlob(alternative, cwd)) matches.add(file);
    }
    if (matches.size === 0) {
      throw new RampartError('RAMPART_ERR_USAGE', `no file matches ${JSON.stringify(pattern)}`, {
        hint: `patterns are relative to ${cwd}; * and ? match within one directory, ** across directories, {a,b} either`,
      });
    }
    for (const file of [...matches].sort()) add({ path: file, pattern });
  }
  return sources;
}

function hasWildcard(text: string): boolean {
  return /[*?]/.test(text);
}

/** `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`. A brace pair without a top-level comma, or unbalanced, is literal. */
function expandBraces(pattern: string): string[] {
  for (let open = pattern.indexOf('{'); open >= 0; open = pattern.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let i = open; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
    if (close < 0) return [pattern];
    if (commas.length === 0) continue;
    const head = pattern.slice(0, open);
    const tail = pattern.slice(close + 1);
    const bounds = [open, ...commas, close];
    const out: string[] = [];
    for (let k = 0; k < bounds.length - 1; k++) {
      const choice = pattern.slice((bounds[k] as number) + 1, bounds[k + 1]);
      out.push(...expandBraces(`${head}${choice}${tail}`));
    }
    return out;
  }
  return [pattern];
}

function compileSegment(text: string): Segment {
  if (text === '**') return { kind: 'globstar' };
  if (!hasWildcard(text)) return { kind: 'literal', text };
  let source = '';
  for (const c of text) {
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return { kind: 'wildcard', regex: new RegExp(`^${source}$`), dot: text.startsWith('.') };
}

/** Files (absolute paths) matching one brace-free pattern. */
async function matchGlob(pattern: string, cwd: string): Promise<string[]> {
  const parts = pattern.split('/').filter((part, i) => part !== '' || i === 0);
  // The leading segments without wildcards are the directory the walk starts from.
  let first = 0;
  while (first < parts.length - 1 && !hasWildcard(parts[first] as string)) first++;
  const baseParts = parts.slice(0, first);
  const base = isAbsolute(pattern)
    ? resolve('/', ...baseParts.filter(Boolean))
    : resolve(cwd, ...baseParts.filter(Boolean));
  const segments = parts.slice(first).map(compileSegment);
  if (segments.length === 0) return [];
  const results: string[] = [];
  await walk(base, closure(segments, [0]), segments, results);
  return results;
}

/** Adds, for every state sitting on a `**`, the state after it (the `**` matching zero directories). */
function closure(segments: readonly Segment[], states: readonly number[]): Set<number> {
  const out = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const state = stack.pop() as number;
    if (out.has(state)) continue;
    out.add(state);
    if (segments[state]?.kind === 'globstar') stack.push(state + 1);
  }
  return out;
}

function wildcardAccepts(name: string, dot: boolean): boolean {
  return (dot || !name.startsWith('.')) && !SKIPPED_BY_WILDCARDS.has(name);
}

async function walk(
  dir: string,
  states: ReadonlySet<number>,
  segments: readonly Segment[],
  results: string[],
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // a missing or unreadable directory matches nothing
  }
  for (const entry of entries) {
    const name = entry.name;
    const named: number[] = []; // states advanced by a literal or wildcard segment
    const starred: number[] = []; // states where `**` swallowed this entry
    for (const state of states) {
      const segment = segments[state];
      if (segment === undefined) continue;
      if (segment.kind === 'globstar') {
        if (wildcardAccepts(name, false)) starred.push(state);
      } else if (segment.kind === 'literal' ? segment.text === name : segment.regex.test(name)) {
        if (segment.kind === 'literal' || wildcardAccepts(name, segment.dot)) named.push(state + 1);
      }
    }
    if (named.length === 0 && starred.length === 0) continue;
    const path = join(dir, name);
    let isFile = entry.isFile();
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      isFile = target?.isFile() ?? false;
      isDirectory = (target?.isDirectory() ?? false) && named.length > 0;
      if (isDirectory) starred.length = 0;
    }
    const next = closure(segments, [...named, ...starred]);
    if (isFile && next.has(segments.length)) results.push(path);
    if (isDirectory && [...next].some((s) => s < segments.length)) {
      await walk(path, next, segments, results);
    }
  }
}
