import { RampartError } from '@rampart/core';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { mayHaveMember } from './may-have-member.js';
import type { NodePosition, SourceDocument } from './parse-source-document.js';
import type { LoadLimits } from './resolve-load-limits.js';

interface Entry {
  readonly ast: YAMLMap | YAMLSeq;
  /** Where the key this node is the value of starts (a block mapping's line is that of its key). */
  readonly keyOffset: number | undefined;
  readonly parent: object | undefined;
  readonly key: string;
}

interface Anchor {
  value: unknown;
  /** Nodes in the anchored value if fully expanded. */
  size: number;
  complete: boolean;
}

function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  // A document may use `__proto__` as a key; it must stay a plain property, never a prototype.
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function keyString(key: unknown): string {
  if (isScalar(key)) return key.value === null ? 'null' : String(key.value);
  if (key === null || key === undefined) return 'null';
  return String(key);
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Offset of the first flow bracket (`[` or `{`) nested deeper than `maxDepth`, or -1. Quoted scalars and
 * comments are skipped; the count is rough (a plain scalar may contain brackets) but only ever errs on
 * documents nesting hundreds of levels, which the parser could not handle anyway.
 */
function findTooDeepFlow(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x27) {
      const end = text.indexOf("'", i + 1);
      i = end === -1 ? text.length : end;
    } else if (
      c === 0x23 &&
      (i === 0 || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x0a)
    ) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    }
  }
  return -1;
}

/**
 * Parses YAML with `yaml`'s `parseDocument` and converts its nodes to plain values itself, recording the source
 * range of every map and sequence. Aliases become shared objects (never copies), and their would-be expansion
 * is counted against `maxAliasCount`, so a "billion laughs" document is refused instead of exhausting memory
 * in whatever later walks it. Merge keys (`<<`) are honoured.
 */
export function parseYamlDocument(
  text: string,
  url: string,
  name: string,
  limits: LoadLimits,
): SourceDocument {
  const lineCounter = new LineCounter();
  const fail = (
    code: 'RAMPART_ERR_OPENAPI_PARSE' | 'RAMPART_ERR_OPENAPI_LIMIT',
    offset: number,
    what: string,
    hint: string,
  ) => {
    const { line, col } = lineCounter.linePos(Math.max(0, offset));
    return new RampartError(code, `${name}:${line}:${col}: ${what}`, {
      location: { file: name, line, column: col },
      hint,
    });
  };
  const tooDeep = findTooDeepFlow(text, limits.maxDepth);
  if (tooDeep !== -1) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    throw fail(
      'RAMPART_ERR_OPENAPI_LIMIT',
      tooDeep,
      `nesting is deeper than ${limits.maxDepth} levels`,
      'No real API description nests this deep; if this one is genuine, raise maxDepth.',
    );
  }
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      keepSourceTokens: false,
    });
  } catch (cause) {
    if (cause instanceof RangeError) {
      throw new RampartError('RAMPART_ERR_OPENAPI_LIMIT', `${name}: nesting is too deep to parse`, {
        cause,
        location: { file: name },
        hint: `No real API description nests this deep; the limit is ${limits.maxDepth} levels.`,
      });
    }
    throw cause;
  }
  const firstError = document.errors[0];
  if (firstError && /call stack/i.test(firstError.message)) {
    throw fail(
      'RAMPART_ERR_OPENAPI_LIMIT',
      firstError.pos[0],
      'nesting is too deep to parse',
      `No real API description nests this deep (the limit is ${limits.maxDepth} levels).`,
    );
  }
  if (firstError) {
    const message = firstError.message.replace(/\s+/g, ' ').trim();
    throw fail(
      'RAMPART_ERR_OPENAPI_PARSE',
      firstError.pos[0],
      `invalid YAML: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
      'Fix the YAML syntax at that position (indentation, a missing ":" or an unclosed quote are the usual causes).',
    );
  }

  const entries = new Map<object, Entry>();
  const anchors = new Map<string, Anchor>();
  let aliasBudget = limits.maxAliasCount;

  // Returns the value and its expanded size (nodes, counting what aliases would copy).
  const convert = (
    node: unknown,
    depth: number,
    parent: object | undefined,
    key: string,
    keyOffset?: number,
  ): [unknown, number] => {
    if (depth > limits.maxDepth) {
      throw fail(
        'RAMPART_ERR_OPENAPI_LIMIT',
        (node as Node).range?.[0] ?? 0,
        `nesting is deeper than ${limits.maxDepth} levels`,
        'No real API description nests this deep; if this one is genuine, raise maxDepth.',
      );
    }
    if (isAlias(node)) {
      const anchor = anchors.get(node.source);
      if (!anchor) {
        throw fail(
          'RAMPART_ERR_OPENAPI_PARSE',
          node.range?.[0] ?? 0,
          `invalid YAML: unknown alias *${node.source}`,
          'Define the anchor (&name) before using it.',
        );
      }
      if (!anchor.complete) {
        throw fail(
          'RAMPART_ERR_OPENAPI_PARSE',
          node.range?.[0] ?? 0,
          `YAML alias *${node.source} refers to a node that contains it (a cycle)`,
          'Use a $ref for recursive structures; YAML aliases cannot be recursive here.',
        );
      }
      aliasBudget -= anchor.size;
      if (aliasBudget < 0) {
        throw fail(
          'RAMPART_ERR_OPENAPI_LIMIT',
          node.range?.[0] ?? 0,
          `YAML aliases expand to more than ${limits.maxAliasCount} nodes (alias *${node.source})`,
          'This looks like an alias bomb ("billion laughs"). If the document is genuine, raise maxAliasCount.',
        );
      }
      return [anchor.value, anchor.size];
    }
    const anchorName = (node as Node | null)?.anchor;
    const anchor: Anchor | undefined = anchorName
      ? { value: undefined, size: 1, complete: false }
      : undefined;
    if (anchorName && anchor) anchors.set(anchorName, anchor);
    let result: [unknown, number];
    if (isMap(node)) {
      const value: Record<string, unknown> = {};
      if (anchor) anchor.value = value;
      entries.set(value, { ast: node, parent, key, keyOffset });
      let size = 1;
      const merges: unknown[] = [];
      for (const pair of node.items) {
        const name = keyString(pair.key);
        const [member, memberSize] = convert(
          pair.value,
          depth + 1,
          value,
          name,
          (pair.key as Node | null)?.range?.[0],
        );
        size += memberSize;
        if (name === '<<' && isScalar(pair.key) && (isAlias(pair.value) || isSeq(pair.value))) {
          merges.push(...(Array.isArray(member) ? member : [member]));
        } else {
          setMember(value, name, member);
        }
      }
      for (const source of merges) {
        if (typeof source !== 'object' || source === null || Array.isArray(source)) continue;
        for (const [k, v] of Object.entries(source)) if (!Object.hasOwn(value, k)) setMember(value, k, v);
      }
      result = [value, size];
    } else if (isSeq(node)) {
      const value: unknown[] = [];
      if (anchor) anchor.value = value;
      entries.set(value, { ast: node, parent, key, keyOffset });
      let size = 1;
      for (const item of node.items) {
        const [member, memberSize] = convert(item, depth + 1, value, String(value.length));
        size += memberSize;
        value.push(member);
      }
      result = [value, size];
    } else if (isScalar(node)) {
      result = [node.value, 1];
    } else {
      result = [null, 1];
    }
    if (anchor) {
      anchor.value = result[0];
      anchor.size = result[1];
      anchor.complete = true;
    }
    return result;
  };

  let value: unknown;
  try {
    value = convert(document.contents, 0, undefined, '')[0];
  } catch (cause) {
    if (cause instanceof RangeError) {
      throw new RampartError('RAMPART_ERR_OPENAPI_LIMIT', `${name}: nesting is too deep to parse`, {
        cause,
        location: { file: name },
        hint: `No real API description nests this deep; lower the nesting or check maxDepth (${limits.maxDepth}).`,
      });
    }
    throw cause;
  }

  const pointerOf = (node: object): string => {
    const segments: string[] = [];
    for (let e = entries.get(node); e?.parent; e = entries.get(e.parent))
      segments.push(escapePointerSegment(e.key));
    return segments.length === 0 ? '' : '/' + segments.reverse().join('/');
  };
  const at = (offset: number, pointer: string): NodePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, pointer };
  };
  return {
    url,
    name,
    value,
    mayHaveMember: (member) => mayHaveMember(text, member, 'yaml'),
    locateNode(node) {
      const entry = entries.get(node);
      const offset = entry?.keyOffset ?? entry?.ast.range?.[0];
      return offset === undefined ? undefined : at(offset, pointerOf(node));
    },
    locateMember(node, key) {
      const entry = entries.get(node);
      if (!entry) return undefined;
      const pointer = `${pointerOf(node)}/${escapePointerSegment(key)}`;
      if (isSeq(entry.ast)) {
        const item = entry.ast.items[Number(key)] as Node | undefined;
        return item?.range ? at(item.range[0], pointer) : undefined;
      }
      const pair = entry.ast.items.find((p) => keyString(p.key) === key);
      const range = (pair?.key as Node | undefined)?.range;
      return range ? at(range[0], pointer) : undefined;
    },
  };
}
