import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ApiModel } from './model.js';
import { prepareSchemaDocument } from './prepare-schema-document.js';
import { resolveDocumentPointer } from './resolve-document-pointer.js';

// ajv-formats is CommonJS with only `module.exports` (no named export); require keeps its typing simple.
const require = createRequire(import.meta.url);
const addFormats: typeof import('ajv-formats').default = require('ajv-formats');

type AjvInstance = Ajv | Ajv2020;

/**
 * Which validator instance compiles a schema: request bodies (no coercion, `readOnly` not required), responses
 * (no coercion, `writeOnly` not required), and parameters (request document, string values coerced by type).
 */
export type SchemaPurpose = 'request' | 'response' | 'parameter';

export interface SchemaCompilerOptions {
  /** Validate `format` (default true). Unknown formats are ignored either way (OpenAPI allows any value). */
  readonly formats?: boolean;
  /** Coerce parameter strings to the schema's types (default true). Bodies are never coerced. */
  readonly coerceTypes?: boolean;
}

export interface SchemaCompiler {
  /** Compiles the schema at `pointer` of the description (JSON pointer, `$ref`s resolved by ajv). Throws ajv's error. */
  compile(purpose: SchemaPurpose, pointer: string): ValidateFunction;
}

const DOCUMENT_IDS: Readonly<Record<SchemaPurpose, string>> = {
  request: 'https://rampart.invalid/openapi/request',
  response: 'https://rampart.invalid/openapi/response',
  parameter: 'https://rampart.invalid/openapi/parameter',
};

/**
 * One ajv instance per purpose, created on first use, holding the prepared description under a fixed id; every
 * schema is compiled as `{ $ref: '<id>#<pointer>' }`, so recursive and shared schemas compile once per instance
 * and are reused by every operation. OpenAPI 3.1 uses JSON Schema 2020-12 (`Ajv2020`), 3.0 and 2.0 draft-07
 * semantics after `prepareSchemaDocument`'s translations. `strict: false` lets `example`, `xml`, `x-*` & co pass.
 */
export function createSchemaCompiler(model: ApiModel, options: SchemaCompilerOptions = {}): SchemaCompiler {
  const instances = new Map<SchemaPurpose, AjvInstance>();
  const instance = (purpose: SchemaPurpose): AjvInstance => {
    let ajv = instances.get(purpose);
    if (ajv !== undefined) return ajv;
    const AjvClass = model.specVersion === '3.1' ? Ajv2020 : Ajv;
    ajv = new AjvClass({
      strict: false,
      logger: false,
      allErrors: false,
      validateFormats: options.formats ?? true,
      coerceTypes: purpose === 'parameter' && (options.coerceTypes ?? true) ? 'array' : false,
      useDefaults: false,
      removeAdditional: false,
      inlineRefs: false,
    });
    addFormats(ajv);
    const document = prepareSchemaDocument(model.document, {
      specVersion: model.specVersion,
      direction: purpose === 'response' ? 'response' : 'request',
    });
    delete document['$schema'];
    delete document['$id'];
    ajv.addSchema(document, DOCUMENT_IDS[purpose], undefined, false);
    instances.set(purpose, ajv);
    return ajv;
  };
  // ajv caches what a compiled schema references, but not the entry points themselves: without this cache the
  // `owner` parameter GitHub's description shares across 1,000 operations would be compiled 1,000 times.
  const compiled = new Map<string, ValidateFunction>();
  return {
    compile(purpose, pointer) {
      const target = followBareRefs(model.document, pointer);
      const key = `${purpose} ${target}`;
      let validate = compiled.get(key);
      if (validate === undefined) {
        const fragment = target.split('/').map(encodeURIComponent).join('/');
        validate = instance(purpose).compile({ $ref: `${DOCUMENT_IDS[purpose]}#${fragment}` });
        compiled.set(key, validate);
      }
      return validate;
    },
  };
}

/** `/a/schema` → `/components/schemas/X` while the schema there is only `{ $ref: '#/components/schemas/X' }`. */
function followBareRefs(document: unknown, pointer: string): string {
  let current = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const value = resolveDocumentPointer(document, current)?.value;
    if (typeof value !== 'object' || value === null) return current;
    const keys = Object.keys(value);
    const ref = (value as Record<string, unknown>)['$ref'];
    if (keys.length !== 1 || typeof ref !== 'string' || !ref.startsWith('#')) return current;
    current = decodeURIComponent(ref.slice(1));
  }
  return current;
}
