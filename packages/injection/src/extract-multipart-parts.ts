/** One part of a multipart/form-data body: its field name, the uploaded file's name if any, and its content. */
export interface MultipartPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly value: string;
}

const DISPOSITION_NAME = /\bname\s*=\s*"([^"]{0,256})"/i;
const DISPOSITION_FILENAME = /\bfilename\s*=\s*"([^"]{0,1024})"/i;

/**
 * Splits a multipart/form-data body (RFC 7578) into its parts, at most `max` of them, using the boundary found on
 * the body's first line (the request's Content-Type is not needed). Returns an empty list when `body` does not start
 * with a boundary line. Linear; part headers other than Content-Disposition are ignored.
 */
export function extractMultipartParts(body: string, max: number): MultipartPart[] {
  const firstEnd = body.indexOf('\n');
  if (!body.startsWith('--') || firstEnd < 3 || firstEnd > 200) return [];
  const boundary = body.slice(0, firstEnd).replace(/\r$/, '');
  if (/\s/.test(boundary)) return [];
  const parts: MultipartPart[] = [];
  for (const chunk of body.split(boundary)) {
    if (parts.length >= max) break;
    const headEnd = chunk.search(/\r?\n\r?\n/);
    if (headEnd < 0) continue;
    const head = chunk.slice(0, headEnd);
    if (!/content-disposition\s*:/i.test(head)) continue;
    const valueStart = chunk.indexOf('\n', chunk.indexOf('\n', headEnd) + 1) + 1;
    const value = chunk.slice(valueStart).replace(/\r?\n$/, '');
    parts.push({
      name: DISPOSITION_NAME.exec(head)?.[1] ?? '',
      filename: DISPOSITION_FILENAME.exec(head)?.[1],
      value,
    });
  }
  return parts;
}
