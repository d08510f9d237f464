import { RampartError, type SourceLocation, formatLocation } from '@rampart/core';
import type { SpecVersion } from './model.js';

/** The dialect of an API description, as detected from its root. */
export interface ParsedSpecVersion {
  readonly specVersion: SpecVersion;
  /** As written (`3.0.3`, `3.1.0`, `2.0`). */
  readonly versionString: string;
}

const EXPECTED =
  'expected an OpenAPI 3.x or Swagger 2.0 description (a mapping with an "openapi: 3.x.y" or "swagger: \'2.0\'" key)';

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return `a list (of ${value.length} items), not a mapping`;
  if (typeof value === 'string')
    return `a single string ("${value.length > 40 ? value.slice(0, 40) + '…' : value}"), not a mapping`;
  return `a single ${typeof value} (${String(value)}), not a mapping`;
}

function lookalike(root: Record<string, unknown>): string | undefined {
  const has = (key: string) => Object.hasOwn(root, key);
  if (has('asyncapi')) return `an AsyncAPI ${String(root['asyncapi'])} document`;
  if (has('swaggerVersion'))
    return `a Swagger ${String(root['swaggerVersion'])} (1.x) document, which predates Swagger 2.0`;
  if (has('name') && (has('dependencies') || has('devDependencies') || has('scripts') || has('main'))) {
    return 'an npm package.json';
  }
  if (has('$schema') || (has('type') && (has('properties') || has('items'))) || has('$defs'))
    return 'a JSON Schema';
  if (has('openrpc')) return 'an OpenRPC document';
  if (has('_type') && has('resources')) return 'an Insomnia export';
  if (has('info') && has('item')) return 'a Postman collection';
  if (has('apiVersion') && has('kind')) return 'a Kubernetes manifest';
  return undefined;
}

/**
 * Detects OpenAPI 3.0, 3.1 or Swagger 2.0 from the root value, or throws `RAMPART_ERR_OPENAPI_NOT_OPENAPI`
 * saying what the document looks like instead. `locateRoot` is only called for that error (locating is not free). A YAML number (`openapi: 3.0` unquoted parses as 3) is accepted.
 */
export function parseSpecVersion(root: unknown, locateRoot: () => SourceLocation): ParsedSpecVersion {
  const fail = (what: string, hint: string, location = locateRoot()) =>
    new RampartError('RAMPART_ERR_OPENAPI_NOT_OPENAPI', `${formatLocation(location)}: ${what}; ${EXPECTED}`, {
      location,
      hint,
    });
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw fail(
      `the document is ${describeValue(root)}`,
      'Point Rampart at the OpenAPI description file itself.',
    );
  }
  const record = root as Record<string, unknown>;
  const openapi = record['openapi'];
  const swagger = record['swagger'];
  if (openapi !== undefined) {
    const version =
      typeof openapi === 'number' ? (Number.isInteger(openapi) ? `${openapi}.0` : String(openapi)) : openapi;
    if (typeof version === 'string') {
      if (/^3\.0(\.\d+)?(-.+)?$/.test(version)) return { specVersion: '3.0', versionString: version };
      if (/^3\.1(\.\d+)?(-.+)?$/.test(version)) return { specVersion: '3.1', versionString: version };
    }
    throw fail(
      `"openapi: ${String(openapi)}" is not a version Rampart reads`,
      'Rampart reads OpenAPI 3.0.x and 3.1.x (and Swagger 2.0); convert the description or fix the version string.',
    );
  }
  if (swagger !== undefined) {
    if (swagger === '2.0' || swagger === 2) return { specVersion: '2.0', versionString: '2.0' };
    throw fail(
      `"swagger: ${String(swagger)}" is not a version Rampart reads`,
      'Swagger documents must say swagger: "2.0".',
    );
  }
  const looksLike = lookalike(record);
  const keys = Object.keys(record);
  const found =
    keys.length === 0
      ? 'an empty mapping'
      : `a mapping with keys ${keys
          .slice(0, 6)
          .map((k) => `"${k}"`)
          .join(', ')}${keys.length > 6 ? ', …' : ''}`;
  throw fail(
    looksLike
      ? `the document looks like ${looksLike}, not an API description`
      : `the document is ${found} but no "openapi" or "swagger" key`,
    looksLike
      ? 'Point Rampart at the OpenAPI description instead.'
      : 'Add "openapi: 3.1.0" (or the version you target) at the top, or point Rampart at the right file.',
  );
}
