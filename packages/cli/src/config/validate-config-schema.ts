import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { CONFIG_SCHEMA, CONFIG_SCHEMA_KEYWORDS } from './config-schema.js';
import type { SchemaNode } from './config-settings.js';
import { fillSchemaDefaults } from './fill-schema-defaults.js';

// ajv ships CommonJS; under NodeNext the class is the module's `default` export.
const Ajv2020 = Ajv2020Module.default;

type Mutable = Record<string, unknown>;

let ajv: InstanceType<typeof Ajv2020> | undefined;
let whole: ValidateFunction | undefined;
/** One validator per top-level section (`audit`, `gateway`, ...), compiled the first time the section is set. */
const bySection = new Map<string, ValidateFunction>();

/**
 * The Ajv instance of the configuration schema. The schema is a constant of this package, checked against the
 * draft 2020-12 meta-schema by the tests (`validate-config-schema.test.ts`), so it is not re-checked at every run:
 * compiling the meta-schema cost about 0.1 s of every start.
 */
function createAjv(): InstanceType<typeof Ajv2020> {
  if (ajv !== undefined) return ajv;
  ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    verbose: true,
    strict: true,
    // `then: { required: [...] }` names properties declared by the enclosing object, which is correct.
    strictRequired: false,
    validateSchema: false,
  });
  for (const keyword of CONFIG_SCHEMA_KEYWORDS)
    ajv.addKeyword({ keyword, schemaType: ['boolean', 'string'] });
  return ajv;
}

const SECTIONS = CONFIG_SCHEMA.properties as unknown as Readonly<Record<string, SchemaNode>>;

function sectionValidator(name: string): ValidateFunction {
  let validate = bySection.get(name);
  if (validate === undefined) {
    // The same subschema objects under the same property name: errors carry the same instance and schema paths
    // (and, being verbose, the same schema nodes) as from the whole schema.
    validate = createAjv().compile({ type: 'object', properties: { [name]: SECTIONS[name] } });
    bySection.set(name, validate);
  }
  return validate;
}

/**
 * Validates a configuration object against `CONFIG_SCHEMA` in place: fills in defaults and returns every
 * error (not just the first), each with its data and schema node so that messages can name the value and the fix.
 *
 * The root schema is a closed object of independent sections, so only the sections the data sets are validated,
 * each by its own validator compiled on first use; an absent section gets its defaults (the same values Ajv's
 * `useDefaults` gives it, see `fillSchemaDefaults`). `rampart audit` without a configuration file so compiles the
 * small `audit` section only, not the large `gateway` one (about 0.4 s of every start before). Data with keys
 * the schema does not know goes through the whole schema, for its errors.
 */
export function validateConfigSchema(data: unknown): readonly ErrorObject[] {
  if (
    data === null ||
    typeof data !== 'object' ||
    Array.isArray(data) ||
    Object.keys(data).some((key) => !Object.hasOwn(SECTIONS, key))
  ) {
    whole ??= createAjv().compile(CONFIG_SCHEMA);
    return whole(data) ? [] : (whole.errors ?? []);
  }
  const record = data as Mutable;
  const errors: ErrorObject[] = [];
  // In the schema's property order, the order Ajv reports errors in for the whole schema.
  for (const [name, schema] of Object.entries(SECTIONS)) {
    if (record[name] === undefined) {
      if (schema.default !== undefined)
        record[name] = fillSchemaDefaults(schema, structuredClone(schema.default));
      continue;
    }
    const validate = sectionValidator(name);
    if (!validate(record)) errors.push(...(validate.errors ?? []));
  }
  return errors;
}
