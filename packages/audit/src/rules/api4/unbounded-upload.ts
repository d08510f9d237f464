import { type JsonSchema, walkSchema } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

const FILE_MEDIA = /^(application\/octet-stream|image\/|video\/|audio\/|application\/(pdf|zip|gzip|x-tar))/i;
const SIZE_EXTENSIONS = ['x-max-size', 'x-maxSize', 'x-rampart-max-body-size', 'x-max-file-size'];

function isBinary(s: JsonSchema): boolean {
  return s['format'] === 'binary' || typeof s['contentMediaType'] === 'string' || s['type'] === 'file';
}

function hasSizeBound(s: JsonSchema, extensions: Readonly<Record<string, unknown>>): boolean {
  return (
    typeof s['maxLength'] === 'number' ||
    SIZE_EXTENSIONS.some((k) => s[k] !== undefined || extensions[k] !== undefined)
  );
}

const NO_EXTENSIONS: Readonly<Record<string, unknown>> = {};
/** Unbounded file fields of a body schema, in walk order, with their property path (cached: bodies are shared). */
const fileFieldsByRoot = new WeakMap<JsonSchema, ReadonlyArray<{ schema: JsonSchema; field: string }>>();

function unboundedFileFields(root: JsonSchema): ReadonlyArray<{ schema: JsonSchema; field: string }> {
  let fields = fileFieldsByRoot.get(root);
  if (fields === undefined) {
    const found: Array<{ schema: JsonSchema; field: string }> = [];
    walkSchema(root, (s, ctx) => {
      if (ctx.depth > 8) return 'skip';
      if (!isBinary(s) || hasSizeBound(s, NO_EXTENSIONS)) return undefined;
      found.push({ schema: s, field: ctx.propertyPath.join('.') || 'body' });
      return 'skip';
    });
    fields = found;
    fileFieldsByRoot.set(root, fields);
  }
  return fields;
}

/** S40: file uploads (binary bodies, multipart file parts) with no size bound. */
export const unboundedUpload = defineRule({
  id: 'unbounded-upload',
  title: 'File upload without size limit',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API4',
  cwe: 400,
  description:
    'An operation accepts a file (binary body or multipart file part) and documents no size limit. Without a limit, one client fills disks, memory and bandwidth with a few large uploads, and the gateway cannot reject oversize bodies early.',
  remediation:
    'Document the limit (`maxLength` on the binary schema, in bytes, or `x-rampart-max-body-size` on the operation) and enforce it before reading the body.',
  check({ model, report }) {
    for (const op of model.operations) {
      for (const media of op.requestBody?.content ?? []) {
        const schema = media.schema;
        if (FILE_MEDIA.test(media.mediaType)) {
          if (schema !== undefined && hasSizeBound(schema, op.extensions)) continue;
          if (schema === undefined && SIZE_EXTENSIONS.some((k) => op.extensions[k] !== undefined)) continue;
          report({
            ...(schema === undefined ? { pointer: media.pointer } : { node: schema }),
            operation: op,
            snippet: media.mediaType,
            message: `${op.key} accepts a ${media.mediaType} upload with no size limit`,
          });
          continue;
        }
        // A size extension on the operation bounds every file field of its body.
        if (schema === undefined || SIZE_EXTENSIONS.some((k) => op.extensions[k] !== undefined)) continue;
        for (const { schema: s, field } of unboundedFileFields(schema)) {
          report({
            node: s,
            operation: op,
            snippet: field,
            message: `file field "${field}" (${media.mediaType}) has no size limit`,
          });
        }
      }
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Files, version: 1.0.0 }
paths:
  /avatars:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object, properties: { file: { type: string, format: binary } } }
      responses: { '201': { description: stored } }
`,
    passes: `openapi: 3.0.3
info: { title: Files, version: 1.0.0 }
paths:
  /avatars:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object, properties: { file: { type: string, format: binary, maxLength: 1048576 } } }
      responses: { '201': { description: stored } }
`,
  },
});
