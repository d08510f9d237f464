import { CONFIG_SCHEMA } from './config-schema.js';

/** How a setting's text (from an environment variable or `--set`) becomes a value. */
export type SettingKind = 'string' | 'integer' | 'number' | 'boolean' | 'string-list';

/** One configuration key that can be set from the environment or the command line. */
export interface ConfigSetting {
  /** Path segments from the root, e.g. `['audit', 'failOn']`. */
  readonly path: readonly string[];
  /** The dotted path, e.g. `audit.failOn`. */
  readonly key: string;
  /** The environment variable, e.g. `RAMPART_AUDIT_FAIL_ON`. */
  readonly env: string;
  readonly kind: SettingKind;
  /** The property's JSON Schema node. */
  readonly schema: SchemaNode;
}

/** A JSON Schema node, as far as the CLI reads it. */
export type SchemaNode = { readonly [keyword: string]: unknown };

/** Environment variables that configure the CLI itself rather than a configuration key. */
export const CLI_ENV_VARIABLES = {
  RAMPART_CONFIG: 'Path of the configuration file, used when --config is not given.',
  RAMPART_DEBUG: 'Set to 1 to print stack traces of internal errors (same as --debug).',
} as const;

/** `failOn` → `FAIL_ON`, `sqlite` → `SQLITE`, `rate-limit` → `RATE_LIMIT`. */
function toEnvSegment(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replaceAll('-', '_')
    .toUpperCase();
}

function kindOf(schema: SchemaNode): SettingKind | undefined {
  const type = schema.type;
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'array') {
    const items = schema.items as SchemaNode | undefined;
    if (items?.type === 'string') return 'string-list';
  }
  return undefined;
}

/**
 * Every key that environment variables and `--set` can set: the scalar and string-list properties of the schema,
 * reached through closed objects only (maps like `audit.rules.severity` and lists of objects like
 * `gateway.upstreams` are set in the file). The variable name is `RAMPART_` + the path in SCREAMING_SNAKE_CASE:
 * `audit.failOn` → `RAMPART_AUDIT_FAIL_ON`, `store.sqlite.path` → `RAMPART_STORE_SQLITE_PATH`.
 */
export function listConfigSettings(root: SchemaNode = CONFIG_SCHEMA): readonly ConfigSetting[] {
  const settings: ConfigSetting[] = [];
  const visit = (node: SchemaNode, path: readonly string[]) => {
    const properties = node.properties as Record<string, SchemaNode> | undefined;
    if (!properties) return;
    for (const [name, child] of Object.entries(properties)) {
      if (name.startsWith('$')) continue;
      const childPath = [...path, name];
      if (child.type === 'object') {
        visit(child, childPath);
        continue;
      }
      const kind = kindOf(child);
      if (kind) {
        settings.push({
          path: childPath,
          key: childPath.join('.'),
          env: `RAMPART_${childPath.map(toEnvSegment).join('_')}`,
          kind,
          schema: child,
        });
      }
    }
  };
  visit(root, []);
  return settings;
}

/**
 * Turns the text of an environment variable or `--set` value into the setting's type: integers and numbers
 * when the text is one, `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`) for booleans, comma-separated
 * lists for string lists. Text that does not convert is returned unchanged so that schema validation reports
 * it with the path, the value and the expected type.
 */
export function coerceSettingValue(setting: Pick<ConfigSetting, 'kind'>, text: string): unknown {
  const trimmed = text.trim();
  switch (setting.kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : text;
    case 'number':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      return text;
    }
    case 'string-list':
      return trimmed === ''
        ? []
        : trimmed
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== '');
    case 'string':
      return text;
  }
}
