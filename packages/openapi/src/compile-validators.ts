import { isSecretName, type Problem, RampartValidationError } from '@rampart/core';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createSchemaCompiler, type SchemaPurpose } from './create-schema-compiler.js';
import type { ApiModel, MediaType, Operation, ParameterLocation, Response } from './model.js';
import {
  defaultParameterStyle,
  type ParameterReader,
  type ParameterShape,
  type RawValues,
  readParameterValue,
} from './read-parameter-value.js';
import { resolveDocumentPointer } from './resolve-document-pointer.js';
import { isJsonMediaType, mediaTypeEssence, selectMediaType } from './select-media-type.js';

/** One reason a request or response does not match the description. */
export interface ValidationIssue {
  readonly location: 'path' | 'query' | 'header' | 'cookie' | 'body' | 'response';
  /** The parameter name, for parameter locations. */
  readonly name?: string;
  /** JSON pointer inside the offending value ('' for the value itself). */
  readonly pointer: string;
  /** Subject, what is wrong and (when not secret) the value: `query parameter "limit" must be <= 100, got 500`. */
  readonly message: string;
}

/** A request as the gateway has parsed it. Header names are lower case (as Node delivers them). */
export interface RequestInput {
  /** Path parameters, decoded (as `OperationIndex.match` returns them). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams | Readonly<Record<string, string | readonly string[]>>;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly cookies?: Readonly<Record<string, string>>;
  /** The `Content-Type` header as sent. */
  readonly contentType?: string;
  /** The parsed body (JSON value), or undefined when the request has none. */
  readonly body?: unknown;
}

export interface OperationValidator {
  /** Every parameter plus the body: `[]` when the request is valid. Never throws. */
  validateRequest(input: RequestInput): readonly ValidationIssue[];
  /** The status is matched exactly, then as `4XX`, then `default`. Never throws. */
  validateResponse(
    status: number,
    contentType: string | undefined,
    body: unknown,
  ): readonly ValidationIssue[];
}

export interface CompileValidatorsOptions {
  /** Validate `format` keywords with ajv-formats (default true). Unknown formats always pass. */
  readonly formats?: boolean;
  /** Coerce path, query, header and cookie strings to the schema's type before validating (default true). */
  readonly coerceTypes?: boolean;
  /**
   * Compile response schemas (default true). Response schemas are most of the compile time of large
   * descriptions (GitHub's); with `false`, `validateResponse` checks status codes and content types only.
   */
  readonly responses?: boolean;
}

/** Returns the (cached) validator of an operation of the model the factory was compiled for. */
export type ValidatorFactory = (operation: Operation) => OperationValidator;

/** Header parameters OpenAPI says to ignore: they are described elsewhere (3.x "Parameter Object"). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);
const MAX_SHOWN_VALUE = 60;

interface ParameterCheck {
  readonly reader: ParameterReader;
  readonly required: boolean;
  readonly validate: ValidateFunction | undefined;
}

interface MediaCheck {
  readonly media: MediaType;
  readonly validate: ValidateFunction | undefined;
}

/**
 * Compiles request and response validators for the operations of `model`, from `model.document` (the normalized
 * description with `$ref`s intact, so recursive schemas work). Compilation is lazy: the first call for an
 * operation compiles all of its schemas (ajv reuses component schemas across operations) and caches the result
 * by `operation.pointer`; later calls return the cached validator.
 *
 * Call the factory for every operation at start-up to fail fast, or on first use. A schema that cannot be
 * compiled makes that call throw `RampartValidationError` (`RAMPART_ERR_OPENAPI_SCHEMA_COMPILE`) naming the
 * operation and listing each pointer with ajv's message; the error is cached too. The returned validators never
 * throw.
 *
 * Semantics: see `prepareSchemaDocument` (nullable, discriminator, readOnly/writeOnly, 3.0 exclusive bounds) and
 * `readParameterValue` (styles, explode, coercion). Bodies are schema-validated when their content type is JSON
 * (`application/json`, `*+json`); other media types are only checked against the described content types.
 */
export function compileValidators(model: ApiModel, options: CompileValidatorsOptions = {}): ValidatorFactory {
  const compiler = createSchemaCompiler(model, options);
  const cache = new Map<string, OperationValidator | RampartValidationError>();
  const coerce = options.coerceTypes ?? true;

  return (operation) => {
    const cached = cache.get(operation.pointer);
    if (cached instanceof RampartValidationError) throw cached;
    if (cached !== undefined) return cached;
    const problems: Problem[] = [];
    const compile = (purpose: SchemaPurpose, pointer: string): ValidateFunction | undefined => {
      try {
        return compiler.compile(purpose, pointer);
      } catch (error) {
        const location = model.locatePointer(pointer);
        problems.push({
          path: pointer,
          message: `cannot be compiled: ${error instanceof Error ? error.message : String(error)}`,
          ...(location === undefined ? {} : { location }),
        });
        return undefined;
      }
    };
    const validator = compileOperation(
      model,
      operation,
      compile,
      coerce,
      options.responses ?? true,
      problems,
    );
    if (problems.length > 0) {
      const error = new RampartValidationError(
        'RAMPART_ERR_OPENAPI_SCHEMA_COMPILE',
        `operation "${operation.key}" has ${problems.length} schema(s) that cannot be compiled into validators`,
        problems,
        {
          hint: 'fix the schema (a JSON Schema keyword with a wrong value, or a $ref that does not resolve)',
        },
      );
      cache.set(operation.pointer, error);
      throw error;
    }
    cache.set(operation.pointer, validator);
    return validator;
  };
}

function compileOperation(
  model: ApiModel,
  operation: Operation,
  compile: (purpose: SchemaPurpose, pointer: string) => ValidateFunction | undefined,
  coerce: boolean,
  compileResponses: boolean,
  problems: Problem[],
): OperationValidator {
  const document = model.document;
  const parameters: ParameterCheck[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) continue;
    const resolved = resolveDocumentPointer(document, parameter.pointer, true);
    if (resolved === undefined) {
      problems.push({
        path: parameter.pointer,
        message: 'parameter pointer does not resolve in the document',
      });
      continue;
    }
    const object = asRecord(resolved.value);
    let schemaPointer: string | undefined;
    let json = false;
    if (object['schema'] !== undefined) {
      schemaPointer = `${resolved.pointer}/schema`;
    } else {
      const content = asRecord(object['content']);
      const mediaType = Object.keys(content)[0];
      if (mediaType !== undefined && asRecord(content[mediaType])['schema'] !== undefined) {
        schemaPointer = `${resolved.pointer}/content/${escapeToken(mediaType)}/schema`;
        json = isJsonMediaType(mediaTypeEssence(mediaType));
      }
    }
    const schema =
      schemaPointer === undefined ? {} : resolveDocumentPointer(document, schemaPointer, true)?.value;
    const style = parameter.style ?? defaultParameterStyle(parameter.in);
    parameters.push({
      reader: {
        name: parameter.name,
        in: parameter.in,
        shape: shapeOf(document, schema, 0),
        style,
        explode: parameter.explode ?? style === 'form',
        propertyNames: Object.keys(asRecord(asRecord(schema)['properties'])),
        json,
      },
      required: parameter.required,
      validate:
        schemaPointer === undefined
          ? undefined
          : compile(coerce && !json ? 'parameter' : 'request', schemaPointer),
    });
  }

  const mediaChecks = (content: readonly MediaType[], purpose: SchemaPurpose): MediaCheck[] =>
    content.map((media) => {
      if (purpose === 'response' && !compileResponses) return { media, validate: undefined };
      const resolved = resolveDocumentPointer(document, media.pointer, true);
      const hasSchema = resolved !== undefined && asRecord(resolved.value)['schema'] !== undefined;
      return { media, validate: hasSchema ? compile(purpose, `${resolved.pointer}/schema`) : undefined };
    });
  const requestBody = operation.requestBody;
  const requestMedia = requestBody === undefined ? [] : mediaChecks(requestBody.content, 'request');
  const responses = new Map<Response, MediaCheck[]>(
    operation.responses.map((response) => [response, mediaChecks(response.content, 'response')]),
  );

  return {
    validateRequest(input) {
      const issues: ValidationIssue[] = [];
      const raw: Record<ParameterLocation, RawValues> = {
        path: (name) => (Object.hasOwn(input.params, name) ? [input.params[name]!] : []),
        query: queryValues(input.query),
        header: (name) => listOf(input.headers[name.toLowerCase()]),
        cookie: (name) =>
          input.cookies !== undefined && Object.hasOwn(input.cookies, name) ? [input.cookies[name]!] : [],
      };
      for (const check of parameters) {
        const { reader } = check;
        const subject = parameterSubject(reader.in, reader.name);
        const result = readParameterValue(reader, raw[reader.in]);
        if (result.kind === 'absent') {
          if (check.required) issues.push(issue(reader.in, reader.name, '', `${subject} is required`));
        } else if (result.kind === 'invalid') {
          issues.push(issue(reader.in, reader.name, '', `${subject} ${result.message}`));
        } else if (check.validate !== undefined && !check.validate(result.value)) {
          issues.push(schemaIssue(reader.in, reader.name, subject, check.validate.errors, result.value));
        }
      }
      const body = input.body;
      if (requestBody === undefined) {
        if (body !== undefined) {
          issues.push(
            issue('body', undefined, '', `request body is not accepted: "${operation.key}" describes none`),
          );
        }
      } else if (body === undefined) {
        if (requestBody.required) issues.push(issue('body', undefined, '', 'request body is required'));
      } else {
        const problem = checkBody('request body', 'body', requestMedia, input.contentType, body);
        if (problem !== undefined) issues.push(problem);
      }
      return issues.length === 0 ? NO_ISSUES : issues;
    },

    validateResponse(status, contentType, body) {
      if (operation.responses.length === 0) return NO_ISSUES;
      const response = selectResponse(operation.responses, status);
      if (response === undefined) {
        const described = operation.responses.map((r) => r.status).join(', ');
        return [
          issue(
            'response',
            undefined,
            '',
            `response status ${status} is not described (described: ${described})`,
          ),
        ];
      }
      if (body === undefined) return NO_ISSUES;
      if (response.content.length === 0) {
        return [
          issue(
            'response',
            undefined,
            '',
            `response body is not expected: status ${response.status} describes none`,
          ),
        ];
      }
      const problem = checkBody('response body', 'response', responses.get(response)!, contentType, body);
      return problem === undefined ? NO_ISSUES : [problem];
    },
  };
}

function checkBody(
  subject: string,
  location: 'body' | 'response',
  checks: readonly MediaCheck[],
  contentType: string | undefined,
  body: unknown,
): ValidationIssue | undefined {
  const described = checks.map((c) => c.media.mediaType).join(', ');
  if (contentType === undefined || contentType.trim() === '') {
    return issue(location, undefined, '', `${subject} has no content type; expected one of: ${described}`);
  }
  const media = selectMediaType(
    checks.map((c) => c.media),
    contentType,
  );
  if (media === undefined) {
    const shown = JSON.stringify(contentType.slice(0, MAX_SHOWN_VALUE));
    return issue(
      location,
      undefined,
      '',
      `${subject} content type ${shown} is not described; expected one of: ${described}`,
    );
  }
  const validate = checks.find((c) => c.media === media)?.validate;
  if (validate === undefined || !isJsonMediaType(mediaTypeEssence(contentType))) return undefined;
  return validate(body) ? undefined : schemaIssue(location, undefined, subject, validate.errors, body);
}

function selectResponse(responses: readonly Response[], status: number): Response | undefined {
  const exact = String(status);
  const range = `${Math.floor(status / 100)}XX`;
  return (
    responses.find((r) => r.status === exact) ??
    responses.find((r) => r.status.toUpperCase() === range) ??
    responses.find((r) => r.status === 'default')
  );
}

function queryValues(query: RequestInput['query']): RawValues {
  if (query instanceof URLSearchParams) return (name) => query.getAll(name);
  return (name) => (Object.hasOwn(query, name) ? listOf(query[name]) : []);
}

function listOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function parameterSubject(location: ParameterLocation, name: string): string {
  return location === 'header'
    ? `header "${name}"`
    : location === 'cookie'
      ? `cookie "${name}"`
      : `${location} parameter "${name}"`;
}

function issue(
  location: ValidationIssue['location'],
  name: string | undefined,
  pointer: string,
  message: string,
): ValidationIssue {
  return name === undefined ? { location, pointer, message } : { location, name, pointer, message };
}

/** The first ajv error as an issue; the offending value is shown unless it may be a secret. */
function schemaIssue(
  location: ValidationIssue['location'],
  name: string | undefined,
  subject: string,
  errors: readonly ErrorObject[] | null | undefined,
  value: unknown,
): ValidationIssue {
  const error = mostSpecificError(errors);
  if (error === undefined) return issue(location, name, '', `${subject} does not match its schema`);
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? 'does not match its schema';
  if (typeof params['additionalProperty'] === 'string') detail += `: "${params['additionalProperty']}"`;
  if (Array.isArray(params['allowedValues']))
    detail += `: ${JSON.stringify(params['allowedValues']).slice(0, 120)}`;
  const tokens =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  const secret =
    location === 'header' ||
    location === 'cookie' ||
    [name ?? '', ...tokens].some((t) => t !== '' && isSecretName(t));
  const shown = secret ? '' : showValue(valueAt(value, tokens));
  const where = pointer === '' ? '' : ` at ${pointer}`;
  return issue(location, name, pointer, `${subject}${where} ${detail}${shown}`);
}

/**
 * The error that says most: the deepest instance path, skipping the `anyOf`/`oneOf` summaries (a failed
 * `nullable` wrapper reports both "must be null" and the real problem further down).
 */
function mostSpecificError(errors: readonly ErrorObject[] | null | undefined): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  for (const error of errors ?? []) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    if (best === undefined || error.instancePath.length > best.instancePath.length) best = error;
  }
  return best ?? errors?.[0];
}

function valueAt(value: unknown, tokens: readonly string[]): unknown {
  let current = value;
  for (const token of tokens) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

function showValue(value: unknown): string {
  if (value === undefined || (typeof value === 'object' && value !== null)) return '';
  const text = JSON.stringify(value);
  return `, got ${text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text}`;
}

/** What a schema expects at the top level, following `$ref`s and composition; strings when unknown. */
function shapeOf(document: unknown, schema: unknown, depth: number): ParameterShape {
  if (depth > 16) return 'primitive';
  const record = asRecord(schema);
  const ref = record['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#')) {
    return shapeOf(
      document,
      resolveDocumentPointer(document, decodeURIComponent(ref.slice(1)), true)?.value,
      depth + 1,
    );
  }
  const types = Array.isArray(record['type']) ? (record['type'] as unknown[]) : [record['type']];
  if (types.includes('array')) return 'array';
  if (types.includes('object')) return 'object';
  if (record['type'] === undefined) {
    if (record['items'] !== undefined || record['prefixItems'] !== undefined) return 'array';
    if (record['properties'] !== undefined) return 'object';
    for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
      const branches = record[keyword];
      if (!Array.isArray(branches)) continue;
      for (const branch of branches) {
        const shape = shapeOf(document, branch, depth + 1);
        if (shape !== 'primitive') return shape;
      }
    }
  }
  return 'primitive';
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
