import type { ApiModel } from '@rampart/openapi';
import { loadApiFromString } from '@rampart/openapi';
import { type BuildOpenApiFromHarOptions, buildOpenApiFromHar } from './har/build-openapi-from-har.js';

/**
 * Learns the model of an API from recorded traffic (a parsed HAR 1.2 log), for targets without a description:
 * builds an OpenAPI 3.1 document with `buildOpenApiFromHar` (operations by method and path template, query and
 * body parameters with inferred JSON schemas, responses, security from the credentials the requests carried)
 * and loads it with `loadApiFromString`, so the result is a real `ApiModel` the scanner plans from like any
 * other. `model.document` is the learned description (write it out to start a real one); its
 * `x-rampart-learned` extension (also in `model.extensions`) says how many entries were used.
 *
 * Throws `RAMPART_ERR_IMPORT_READ` when `har` is not a HAR log or has no API request to the target.
 */
export async function learnModelFromHar(
  har: unknown,
  options: BuildOpenApiFromHarOptions = {},
): Promise<ApiModel> {
  const document = buildOpenApiFromHar(har, options);
  const name = `${options.file ?? 'traffic.har'}.openapi.json`;
  return loadApiFromString(JSON.stringify(document, null, 2), name);
}
