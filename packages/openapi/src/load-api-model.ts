import { RampartError } from '@rampart/core';
import { convertSwagger2 } from './convert-swagger2.js';
import type { ApiModel } from './model.js';
import { normalizeApiModel } from './normalize-api-model.js';
import { parseSourceDocument } from './parse-source-document.js';
import { parseSpecVersion } from './parse-spec-version.js';
import { resolveDocumentSet } from './resolve-document-set.js';
import type { LoadLimits } from './resolve-load-limits.js';
import { resolveRefGraph } from './resolve-ref-graph.js';
import { resolveRefSites } from './resolve-ref-sites.js';

/**
 * The loading pipeline shared by `loadApi` and `loadApiFromString`: parse the root, detect the dialect, load
 * every referenced document, convert Swagger 2.0 to the 3.x shape, dereference, and build the model.
 *
 * @param url absolute `file:` or `http(s):` URL of the root (the base of its relative `$ref`s)
 * @param name how messages and `ApiModel.file` name the root
 */
export async function loadApiModel(
  text: string,
  url: string,
  name: string,
  limits: LoadLimits,
): Promise<ApiModel> {
  try {
    const root = parseSourceDocument(text, url, name, limits);
    const version = parseSpecVersion(root.value, () => {
      const start =
        typeof root.value === 'object' && root.value !== null ? root.locateNode(root.value) : undefined;
      return start ? { file: name, line: start.line, column: start.column, pointer: '' } : { file: name };
    });
    const set = await resolveDocumentSet(root, limits);
    let document = root.value as Record<string, unknown>;
    if (version.specVersion === '2.0') {
      document = convertSwagger2(set, resolveRefGraph(set, '2.0', root.value));
      resolveRefSites(document, set.holders, () => {});
    }
    const graph = resolveRefGraph(set, version.specVersion, document);
    return normalizeApiModel({ file: name, set, graph, version, document });
  } catch (error) {
    // Anything recursive that slipped past the depth limits must still end as one clear error, not a crash.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new RampartError(
        'RAMPART_ERR_OPENAPI_LIMIT',
        `${name}: the description nests too deeply to process`,
        {
          cause: error,
          location: { file: name },
          hint: `Lower maxDepth (now ${limits.maxDepth}) or simplify the document.`,
        },
      );
    }
    throw error;
  }
}
