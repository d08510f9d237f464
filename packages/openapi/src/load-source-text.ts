import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RampartError, type SourceLocation, formatLocation } from '@rampart/core';
import type { LoadLimits } from './resolve-load-limits.js';

/**
 * UTF-8 as `Buffer#toString` decodes it (malformed bytes become U+FFFD; a byte-order mark is kept, so offsets stay
 * those of the file), about three times faster on large files with a few non-ASCII characters.
 */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Who asked for a document: the `$ref` and where it is written (absent for the root document). */
export interface ReferringSite {
  readonly ref: string;
  readonly location: SourceLocation;
}

/** `64.0 MiB`, `12.5 KiB`, `100 bytes`. */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads a `file:` URL or fetches an `http(s):` URL as UTF-8 text, refusing anything larger than `maxBytes`
 * before reading it whole (by `stat` size, `Content-Length`, and a byte count while streaming).
 * Throws `RAMPART_ERR_OPENAPI_READ` or `RAMPART_ERR_OPENAPI_LIMIT`, naming the `$ref` that asked for it.
 */
export async function loadSourceText(
  url: string,
  name: string,
  limits: LoadLimits,
  site?: ReferringSite,
): Promise<string> {
  const prefix = site ? `${formatLocation(site.location)}: $ref "${site.ref}": ` : '';
  const where = site ? { location: site.location } : { location: { file: name } };
  const readError = (reason: string, hint: string, cause?: unknown) =>
    new RampartError('RAMPART_ERR_OPENAPI_READ', `${prefix}cannot read ${name}: ${reason}`, {
      ...where,
      hint,
      ...(cause === undefined ? {} : { cause }),
    });
  const limitError = (size: number) =>
    new RampartError(
      'RAMPART_ERR_OPENAPI_LIMIT',
      `${prefix}${name} is ${formatByteSize(size)}, over the ${formatByteSize(limits.maxBytes)} limit per document`,
      {
        ...where,
        hint: 'Raise maxBytes (--max-bytes) if the document is genuine and you have the memory for it.',
      },
    );

  if (url.startsWith('file:')) {
    const path = fileURLToPath(url);
    try {
      const info = await stat(path);
      if (info.isDirectory())
        throw readError('it is a directory', 'Give the path of the description file itself.');
      if (info.size > limits.maxBytes) throw limitError(info.size);
      const bytes = await readFile(path);
      if (bytes.length > limits.maxBytes) throw limitError(bytes.length);
      return UTF8.decode(bytes);
    } catch (error) {
      if (error instanceof RampartError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw readError(
          `no such file (${path})`,
          'Check the path; relative $refs are resolved against the referring file.',
          error,
        );
      }
      if (code === 'EACCES' || code === 'EPERM') {
        throw readError(
          `permission denied (${path})`,
          'Make the file readable by the user running Rampart.',
          error,
        );
      }
      throw readError(
        String((error as Error).message ?? error),
        'Check that the path names a readable file.',
        error,
      );
    }
  }

  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(limits.fetchTimeoutMs),
      headers: { accept: 'application/json, application/yaml, text/yaml, text/plain;q=0.8, */*;q=0.5' },
      redirect: 'follow',
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    const cause = (error as Error & { cause?: Error }).cause;
    throw readError(
      timedOut
        ? `no answer within ${limits.fetchTimeoutMs} ms`
        : `fetch failed (${cause?.message ?? (error as Error).message})`,
      timedOut
        ? 'Check the URL and the network, or raise fetchTimeoutMs.'
        : 'Check the URL and that the server is reachable.',
      error,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw readError(`the server answered ${response.status} ${response.statusText}`.trim(), 'Check the URL.');
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw limitError(declared);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        total += chunk.length;
        if (total > limits.maxBytes) {
          await response.body.cancel().catch(() => {});
          throw limitError(total);
        }
        chunks.push(chunk);
      }
    }
  } catch (error) {
    if (error instanceof RampartError) throw error;
    throw readError(
      `the download failed (${(error as Error).message})`,
      'Check the network and try again.',
      error,
    );
  }
  return UTF8.decode(Buffer.concat(chunks, total));
}
