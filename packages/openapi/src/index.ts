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
