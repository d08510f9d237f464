import type { Readable } from 'node:stream';

/** One line of a stream: its 1-based number and text, or no text when it was longer than the limit. */
export interface Line {
  readonly number: number;
  /** The line without its end of line (`\n` or `\r\n`); `undefined` when longer than `maxLineBytes`. */
  readonly text: string | undefined;
}

/**
 * Splits a byte stream into lines with bounded memory: at most `maxLineBytes` of a line are held; a longer one
 * is skipped (reported with `text: undefined`) without being buffered, however long it is.
 */
export async function* readLines(stream: Readable, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  let tooLong = false;
  let number = 0;
  const emit = (last: Buffer): Line => {
    number += 1;
    if (tooLong || held + last.length > maxLineBytes) return { number, text: undefined };
    const bytes = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    return { number, text: bytes.toString('utf8', 0, end) };
  };
  for await (const data of stream) {
    const chunk: Buffer = typeof data === 'string' ? Buffer.from(data) : data;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        const rest = chunk.subarray(start);
        if (!tooLong && held + rest.length > maxLineBytes) {
          tooLong = true;
          parts = [];
          held = 0;
        }
        if (!tooLong && rest.length > 0) {
          parts.push(Buffer.from(rest));
          held += rest.length;
        }
        break;
      }
      yield emit(chunk.subarray(start, nl));
      parts = [];
      held = 0;
      tooLong = false;
      start = nl + 1;
    }
  }
  if (held > 0 || tooLong) yield emit(Buffer.alloc(0));
}
