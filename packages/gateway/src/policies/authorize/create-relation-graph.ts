/**
 * Relation rewrites per object type (Zanzibar "userset rewrites"): `{ account: { viewer: ['owner',
 * 'parent->member'] } }` says a subject is a `viewer` of an account when it is its `owner`, or a `member` of the
 * account's `parent`.
 */
export type RelationRules = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** An immutable set of relationship tuples that answers "does `subject` have `relation` on `object`?". */
export interface RelationGraph {
  /** Whether the relation holds, walking at most `maxDepth` hops and a bounded number of tuples. */
  check(object: string, relation: string, subject: string): boolean;
  readonly size: number;
}

/** Parsed tuples, or the problems of the lines that are not tuples. */
export type ParsedTuples =
  | { readonly ok: true; readonly graph: RelationGraph }
  | { readonly ok: false; readonly problems: string[] };

const REFERENCE = /^[A-Za-z0-9_.-]+:[^\s#]+$/;
const SUBJECT = /^[A-Za-z0-9_.-]+:[^\s#]+(#[A-Za-z0-9_-]+)?$/;
const RELATION = /^[A-Za-z0-9_-]+$/;
/** Tuples looked at per check: a hostile or cyclic graph cannot make one request walk forever. */
const MAX_VISITS = 2000;

/**
 * Builds a relation graph from tuples written `object relation subject`, one per line or list item:
 * `account:123 owner user:alice`, `account:123 parent org:acme`, `org:acme member user:bob`,
 * `org:acme member team:eng#member` (every member of team eng). Blank lines and `#` comments are ignored.
 *
 * A check walks: the direct tuple; subject sets (`team:eng#member`); and the rewrites of `rules` for the object's
 * type (`owner`: the same object's other relation; `parent->member`: the relation on each object the first one
 * points to). The walk stops at `maxDepth` hops, revisits nothing, and looks at most at a fixed number of tuples.
 */
export function createRelationGraph(
  lines: readonly string[],
  rules: RelationRules,
  maxDepth: number,
): ParsedTuples {
  const edges = new Map<string, string[]>();
  const problems: string[] = [];
  let size = 0;
  lines.forEach((raw, i) => {
    // A comment starts with "#" at the start or after a space; "team:eng#member" is a subject set.
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    const [object, relation, subject] = parts as [string, string, string];
    if (parts.length !== 3 || !REFERENCE.test(object) || !RELATION.test(relation) || !SUBJECT.test(subject)) {
      problems.push(`tuple ${i + 1} ("${raw.slice(0, 80)}") is not "type:id relation type:id[#relation]"`);
      return;
    }
    const key = `${object}#${relation}`;
    const list = edges.get(key);
    if (list) list.push(subject);
    else edges.set(key, [subject]);
    size++;
  });
  if (problems.length > 0) return { ok: false, problems };

  const graph: RelationGraph = {
    size,
    check(object, relation, subject) {
      const visited = new Set<string>();
      let visits = 0;
      const walk = (obj: string, rel: string, depth: number): boolean => {
        const key = `${obj}#${rel}`;
        if (depth > maxDepth || visited.has(key) || ++visits > MAX_VISITS) return false;
        visited.add(key);
        const direct = edges.get(key);
        if (direct) {
          for (const s of direct) if (s === subject) return true;
          for (const s of direct) {
            const hash = s.indexOf('#');
            if (hash > 0 && walk(s.slice(0, hash), s.slice(hash + 1), depth + 1)) return true;
          }
        }
        const type = obj.slice(0, obj.indexOf(':'));
        const rewrites = rules[type]?.[rel];
        if (!rewrites) return false;
        for (const rewrite of rewrites) {
          const arrow = rewrite.indexOf('->');
          if (arrow < 0) {
            if (walk(obj, rewrite, depth + 1)) return true;
            continue;
          }
          const via = edges.get(`${obj}#${rewrite.slice(0, arrow)}`);
          if (!via) continue;
          const target = rewrite.slice(arrow + 2);
          for (const next of via) if (next.indexOf('#') < 0 && walk(next, target, depth + 1)) return true;
        }
        return false;
      };
      return walk(object, relation, 0);
    },
  };
  return { ok: true, graph };
}
