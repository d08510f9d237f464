import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RampartError } from '@rampart/core';
import type { LoadApiOptions } from './load-api-options.js';
import { loadApiModel } from './load-api-model.js';
import { formatByteSize } from './load-source-text.js';
import type { ApiModel } from './model.js';
import { resolveLoadLimits } from './resolve-load-limits.js';

/**
 * Loads an API description from text already in memory. `file` names it in messages and locations, and is the
 * base for its relative `$ref`s (a path, resolved against the working directory, or an http(s) URL).
 * Same errors as `loadApi`; the text itself is held to `maxBytes` too.
 */
export async function loadApiFromString(
  text: string,
  file: string,
  options: LoadApiOptions = {},
): Promise<ApiModel> {
  if (typeof text !== 'string')
    throw new TypeError(`loadApiFromString(text) needs a string, got ${typeof text}`);
  const remote = /^https?:\/\//i.test(file);
  const limits = resolveLoadLimits(options, remote);
  const url = remote
    ? new URL(file).href
    : file.startsWith('file:')
      ? file
      : pathToFileURL(resolve(file || 'openapi')).href;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new RampartError(
      'RAMPART_ERR_OPENAPI_LIMIT',
      `${file} is ${formatByteSize(bytes)}, over the ${formatByteSize(limits.maxBytes)} limit per document`,
      {
        location: { file },
        hint: 'Raise maxBytes if the document is genuine and you have the memory for it.',
      },
    );
  }
  return loadApiModel(text, url, file, limits);
}
