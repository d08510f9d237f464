import { RampartError } from '@rampart/core';
import { locateJsonNodes, skipJsonString } from './locate-json-nodes.js';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';
import { locateLineColumn } from './locate-line-column.js';
import { mayHaveMember } from './may-have-member.js';
import type { SourceDocument } from './parse-source-document.js';
import type { LoadLimits } from './resolve-load-limits.js';

/** Offset of the first bracket that nests deeper than `maxDepth`, or -1. Strings are skipped. */
function findTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = skipJsonString(text, i) - 1;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * Parses JSON with `JSON.parse` after a cheap bracket-depth pre-scan (so nothing downstream can be driven into
 * a stack overflow), and explains syntax errors with line and column.
 */
export function parseJsonDocument(
  text: string,
  url: string,
  name: string,
  limits: LoadLimits,
): SourceDocument {
  const tooDeep = findTooDeep(text, limits.maxDepth);
  if (tooDeep !== -1) {
    const { line, column } = locateLineColumn(text)(tooDeep);
    throw new RampartError(
      'RAMPART_ERR_OPENAPI_LIMIT',
      `${name}:${line}:${column}: nesting is deeper than ${limits.maxDepth} levels`,
      {
        location: { file: name, line, column },
        hint: 'No real API description nests this deep; if this one is genuine, raise maxDepth.',
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const found = locateJsonSyntaxError(text) ?? {
      offset: Number(/position (\d+)/.exec(String(cause))?.[1] ?? text.length),
      message: cause instanceof Error ? cause.message : String(cause),
    };
    const { line, column } = locateLineColumn(text)(found.offset);
    const message =
      text.trim() === '' ? `${name} is empty` : `${name}:${line}:${column}: invalid JSON: ${found.message}`;
    throw new RampartError('RAMPART_ERR_OPENAPI_PARSE', message, {
      cause,
      location: { file: name, line, column },
      hint: 'Fix the JSON syntax at that position (a JSON linter or your editor will show it too).',
    });
  }
  const nodes = locateJsonNodes(text, value);
  return {
    url,
    name,
    value,
    tree: true,
    locateNode: nodes.locateNode,
    locateMember: nodes.locateMember,
    mayHaveMember: (member) => mayHaveMember(text, member, 'json'),
  };
}
