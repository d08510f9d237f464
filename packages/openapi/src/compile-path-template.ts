/** One piece of a path segment: literal text or a `{parameter}`. */
export type SegmentPart =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string };

/**
 * How specific a segment is, most specific first. OpenAPI only says that literal segments beat templated ones;
 * Rampart also ranks a segment that mixes literal text and parameters (`{name}.json`, `v{major}`) above a bare
 * `{param}`, and a greedy rest-of-path parameter below everything.
 */
export const SEGMENT_RANK = { literal: 0, mixed: 1, param: 2, greedy: 3 } as const;
export type SegmentKind = keyof typeof SEGMENT_RANK;

export interface PathSegment {
  readonly kind: SegmentKind;
  readonly parts: readonly SegmentPart[];
  /** The segment with parameter names erased (`{}.json`): two segments with one shape match the same values. */
  readonly shape: string;
  /** Characters of literal text in the segment (more literal text = more specific among mixed segments). */
  readonly literalLength: number;
}

export interface PathTemplate {
  readonly template: string;
  readonly segments: readonly PathSegment[];
  /** Parameter names in the order their values appear in a request path. */
  readonly paramNames: readonly string[];
}

/** Thrown (and collected by `createOperationIndex`) when a path template cannot be parsed. */
export class PathTemplateError extends Error {
  override readonly name = 'PathTemplateError';
}

/**
 * Parses an OpenAPI path template (`/files/{name}.{ext}`) into segments split at `/`. A parameter never spans a
 * `/`, except a parameter named in `greedyParams`, which must then fill the whole last segment and matches the
 * rest of the path (one or more characters, slashes included).
 *
 * Throws `PathTemplateError` for templates that do not start with `/`, unbalanced or empty braces, a parameter
 * name used twice, two parameters with no literal text between them (`{a}{b}`: their split would be arbitrary)
 * and a greedy parameter anywhere but the whole last segment.
 */
export function compilePathTemplate(
  template: string,
  greedyParams: ReadonlySet<string> = new Set(),
): PathTemplate {
  if (!template.startsWith('/')) {
    throw new PathTemplateError(`path template must start with "/", got ${JSON.stringify(template)}`);
  }
  const rawSegments = template.slice(1).split('/');
  const segments: PathSegment[] = [];
  const paramNames: string[] = [];
  for (const [index, raw] of rawSegments.entries()) {
    const parts = parseSegment(raw, template);
    for (const part of parts) {
      if (part.kind !== 'param') continue;
      if (paramNames.includes(part.name)) {
        throw new PathTemplateError(
          `path template ${JSON.stringify(template)} uses parameter "${part.name}" twice; rename one of them`,
        );
      }
      paramNames.push(part.name);
    }
    const params = parts.filter((part) => part.kind === 'param');
    const literalLength = parts.reduce((n, part) => n + (part.kind === 'literal' ? part.value.length : 0), 0);
    let kind: SegmentKind =
      params.length === 0 ? 'literal' : parts.length === 1 ? 'param' : ('mixed' as SegmentKind);
    const greedy = params.find((part) => greedyParams.has(part.name));
    if (greedy !== undefined) {
      if (kind !== 'param' || index !== rawSegments.length - 1) {
        throw new PathTemplateError(
          `path template ${JSON.stringify(template)}: greedy parameter "${greedy.name}" must be the whole last ` +
            'segment (e.g. "/files/{path}"); remove x-rampart-greedy or move the parameter',
        );
      }
      kind = 'greedy';
    }
    const shape = parts.map((part) => (part.kind === 'param' ? '{}' : part.value)).join('');
    segments.push({ kind, parts, shape, literalLength });
  }
  return { template, segments, paramNames };
}

function parseSegment(raw: string, template: string): SegmentPart[] {
  const parts: SegmentPart[] = [];
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('{', i);
    const close = raw.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      throw new PathTemplateError(
        `path template ${JSON.stringify(template)} has a "}" without a matching "{"`,
      );
    }
    if (open === -1) {
      parts.push({ kind: 'literal', value: raw.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'literal', value: raw.slice(i, open) });
    if (close === -1) {
      throw new PathTemplateError(
        `path template ${JSON.stringify(template)} has a "{" without a matching "}"`,
      );
    }
    const name = raw.slice(open + 1, close);
    if (name === '' || name.includes('{')) {
      throw new PathTemplateError(
        `path template ${JSON.stringify(template)} has an empty or nested parameter name near "${raw}"`,
      );
    }
    if (parts.at(-1)?.kind === 'param') {
      throw new PathTemplateError(
        `path template ${JSON.stringify(template)} has two parameters with nothing between them in "${raw}"; ` +
          'separate them with literal text',
      );
    }
    parts.push({ kind: 'param', name });
    i = close + 1;
  }
  if (parts.length === 0) parts.push({ kind: 'literal', value: '' });
  return parts;
}
