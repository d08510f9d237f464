export type {
  ApiModel,
  Header,
  HttpMethod,
  JsonSchema,
  MediaType,
  NamedSchema,
  OAuthFlow,
  Operation,
  Parameter,
  ParameterLocation,
  RequestBody,
  Response,
  SecurityRequirement,
  SecurityScheme,
  Server,
  ServerVariable,
  SpecVersion,
} from './model.js';
export { HTTP_METHODS } from './model.js';
export type { SchemaVisitor, SchemaWalkContext } from './walk-schema.js';
export { walkSchema } from './walk-schema.js';
export type { OperationIndex, OperationIndexOptions, OperationMatch } from './create-operation-index.js';
export { createOperationIndex } from './create-operation-index.js';
export type { LoadApiOptions } from './load-api-options.js';
export { loadApi } from './load-api.js';
export { loadApiFromString } from './load-api-from-string.js';
export type {
  CompileValidatorsOptions,
  OperationValidator,
  RequestInput,
  ValidationIssue,
  ValidatorFactory,
} from './compile-validators.js';
export { compileValidators } from './compile-validators.js';
