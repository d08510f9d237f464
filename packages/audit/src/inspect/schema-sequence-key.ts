const ids = new WeakMap<object, number>();
let nextId = 0;

/**
 * A string that identifies a sequence of objects by identity (e.g. the request-body schemas of an operation, in
 * order, repeats included), for memoizing work that depends on exactly that sequence across operations.
 */
export function schemaSequenceKey(objects: readonly object[]): string {
  let key = '';
  for (const o of objects) {
    let id = ids.get(o);
    if (id === undefined) {
      id = nextId++;
      ids.set(o, id);
    }
    key += `${id},`;
  }
  return key;
}
