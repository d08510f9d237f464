/** `"id": 42`, `"accountId": "ACC-7"`, `"order_id": "…"` in a JSON text. */
const ID_FIELD = /"(?:id|[A-Za-z0-9]*Id|[a-z0-9_]*_id|uuid)"\s*:\s*(?:"([^"\\]{1,64})"|(\d{1,24}))/g;

/**
 * The object ids a response (or request) body sample shows: values of `id`, `…Id`, `…_id` and `uuid` fields in
 * JSON text, at most `max` of them. Used to learn which objects a principal was given (listed to it or created
 * by it), the "ownership" side of BOLA detection. Works on truncated samples: a regex, not a parser.
 */
export function extractObjectIds(text: string, max = 256): string[] {
  const ids: string[] = [];
  ID_FIELD.lastIndex = 0;
  for (let m = ID_FIELD.exec(text); m !== null && ids.length < max; m = ID_FIELD.exec(text)) {
    ids.push((m[1] ?? m[2])!);
  }
  return ids;
}
