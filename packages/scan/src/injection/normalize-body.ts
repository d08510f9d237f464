const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/**
 * A response body with what varies between two identical requests taken out (UUIDs such as correlation ids,
 * ISO timestamps) and every echo of the given inputs replaced by one placeholder (raw, JSON-escaped and
 * URL-encoded), so a differential oracle compares behaviour, not reflections of the payload.
 */
export function normalizeBody(body: string, echoes: readonly string[] = []): string {
  let out = body.replace(UUID, '<uuid>').replace(TIMESTAMP, '<time>');
  const forms = echoes
    .filter((e) => e.length > 0)
    .flatMap((e) => [e, JSON.stringify(e).slice(1, -1), encodeURIComponent(e)])
    .sort((a, b) => b.length - a.length);
  for (const form of forms) out = out.split(form).join('<input>');
  return out;
}
