import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RampartError } from '@rampart/core';
import type { LoadApiOptions } from './load-api-options.js';
import { loadApiModel } from './load-api-model.js';
import { loadSourceText } from './load-source-text.js';
import type { ApiModel } from './model.js';
import { resolveLoadLimits } from './resolve-load-limits.js';

export type { LoadApiOptions } from './load-api-options.js';

/**
 * Loads an OpenAPI 3.0, 3.1 or Swagger 2.0 description (YAML or JSON) from a file path or an http(s) URL,
 * with every `$ref` it makes (local, relative files, and remote URLs when `allowRemote`), into the normalized
 * `ApiModel`.
 *
 * Throws `RampartError` with one of `RAMPART_ERR_OPENAPI_READ`, `_PARSE`, `_LIMIT`, `_NOT_OPENAPI`, `_REF`,
 * `_INVALID`; each carries a `location` (file, line, column, pointer) when there is one, and a `hint`.
 *
 * @example
 * const api = await loadApi('openapi.yaml');
 * for (const op of api.operations) console.log(op.key, api.locatePointer(op.pointer)?.line);
 */
export async function loadApi(source: string, options: LoadApiOptions = {}): Promise<ApiModel> {
  if (typeof source !== 'string' || source === '') {
    throw new TypeError(`loadApi(source) needs a file path or an http(s) URL, got ${JSON.stringify(source)}`);
  }
  const remote = /^https?:\/\//i.test(source);
  const limits = resolveLoadLimits(options, remote);
  let url: string;
  if (remote) {
    try {
      url = new URL(source).href;
    } catch (cause) {
      throw new RampartError('RAMPART_ERR_OPENAPI_READ', `${source} is not a valid URL`, {
        cause,
        location: { file: source },
        hint: 'Give a file path or a full http(s) URL.',
      });
    }
  } else {
    url = source.startsWith('file:') ? source : pathToFileURL(resolve(source)).href;
  }
  const text = await loadSourceText(url, source, limits);
  return loadApiModel(text, url, source, limits);
}
