import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { CONFIG_SCHEMA, CONFIG_SCHEMA_KEYWORDS } from './config-schema.js';

// ajv ships CommonJS; under NodeNext the class is the module's `default` export.
const Ajv2020 = Ajv2020Module.default;

let compiled: ValidateFunction | undefined;

/**
 * Validates a configuration object against `CONFIG_SCHEMA` in place: fills in defaults and returns every
 * error (not just the first), each with its data and schema node so that messages can name the value and the fix.
 * The validator is compiled once per process.
 */
export function validateConfigSchema(data: unknown): readonly ErrorObject[] {
  if (!compiled) {
    const ajv = new Ajv2020({
      allErrors: true,
      useDefaults: true,
      verbose: true,
      strict: true,
      // `then: { required: [...] }` names properties declared by the enclosing object, which is correct.
      strictRequired: false,
    });
    for (const keyword of CONFIG_SCHEMA_KEYWORDS)
      ajv.addKeyword({ keyword, schemaType: ['boolean', 'string'] });
    compiled = ajv.compile(CONFIG_SCHEMA);
  }
  return compiled(data) ? [] : (compiled.errors ?? []);
}
