/** An object that is a JSON Reference: it has a string `$ref`. */
export function isRefObject(value: unknown): value is { readonly $ref: string } & Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>)['$ref'] === 'string'
  );
}

/** Members whose value maps user-chosen names to OpenAPI or JSON Schema objects. */
const NAMED_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'content',
  'encoding',
  'webhooks',
  'paths',
]);

/**
 * True for a member whose value is free-form data, not OpenAPI or JSON Schema structure: `$ref`s inside it are
 * text to keep as written (an example of a JSON document may well contain "$ref").
 *
 * @param key the member's name
 * @param value the member's value
 * @param parentKey the key under which the containing object was reached
 * @param grandparentKey the key under which the containing object's parent was reached
 */
export function isDataMember(
  key: string,
  value: unknown,
  parentKey: string,
  grandparentKey: string,
): boolean {
  let data: boolean;
  switch (key) {
    case 'example':
    case 'enum':
    case 'const':
    case 'default':
      data = true;
      break;
    case 'examples':
      data = Array.isArray(value);
      break;
    case 'value':
      data = grandparentKey === 'examples';
      break;
    default:
      // Most members: no need to look the parent up (this runs for every object member of the document).
      return false;
  }
  // In a map of named things (schemas by property name, responses by status, …) every key is a name.
  return data && !NAMED_MAPS.has(parentKey);
}

/**
 * Walks a parsed document once (objects shared through YAML aliases are visited once) and adds to `holders` the
 * objects that hold a `$ref` at or below them. `tree`: the caller knows no object is reachable twice (a parsed
 * JSON text), so no record of visited objects is kept. Calls `onRef` for every reference, with `lenient` true inside
 * `x-*` extensions (whose references are resolved when possible but never fail the load), and `onNode` for
 * every object visited.
 */
export function resolveRefSites(
  root: unknown,
  holders: Set<object>,
  onRef: (refNode: Record<string, unknown>, ref: string, lenient: boolean) => void,
  onNode?: (node: object) => void,
  tree = false,
): void {
  // A tree (parsed JSON) reaches each node once: no set of visited nodes to keep (hundreds of thousands of
  // entries on large descriptions). YAML aliases and converted documents share nodes, and may form cycles.
  const visited = tree ? undefined : new Set<object>();
  const walk = (node: object, key: string, parentKey: string, lenient: boolean): boolean => {
    if (visited !== undefined) {
      if (visited.has(node)) return holders.has(node);
      visited.add(node);
    }
    onNode?.(node);
    let holds = false;
    if (isRefObject(node)) {
      onRef(node, node.$ref, lenient);
      holds = true;
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'object' && item !== null && walk(item, key, parentKey, lenient)) holds = true;
      }
    } else {
      for (const childKey in node) {
        if (childKey === '$ref') continue;
        const child = (node as Record<string, unknown>)[childKey];
        if (typeof child !== 'object' || child === null || isDataMember(childKey, child, key, parentKey))
          continue;
        if (walk(child, childKey, key, lenient || childKey.startsWith('x-'))) holds = true;
      }
    }
    if (holds) holders.add(node);
    return holds;
  };
  if (typeof root === 'object' && root !== null) walk(root, '', '', false);
}
