import { CONFIG_SCHEMA } from './config-schema.js';
import { CLI_ENV_VARIABLES, listConfigSettings, type SchemaNode } from './config-settings.js';

/** One documented key. */
interface Row {
  readonly key: string;
  readonly type: string;
  readonly defaultValue: string;
  readonly env: string;
  readonly description: string;
}

const code = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function describeType(node: SchemaNode): string {
  const parts: string[] = [];
  const type = node.type;
  if (Array.isArray(node.enum)) parts.push(`one of ${node.enum.map((v) => code(String(v))).join(', ')}`);
  else if (type === 'array') {
    const items = (node.items ?? {}) as SchemaNode;
    parts.push(`list of ${describeType(items)}`);
    if (node.minItems) parts.push(`at least ${String(node.minItems)}`);
  } else if (
    type === 'object' &&
    node.additionalProperties &&
    typeof node.additionalProperties === 'object'
  ) {
    const names = (node.propertyNames ?? {}) as SchemaNode;
    const keyKind = typeof names['x-rampart-expected'] === 'string' ? 'id' : 'string';
    parts.push(`map of ${keyKind} to ${describeType(node.additionalProperties as SchemaNode)}`);
  } else if (typeof node['x-rampart-expected'] === 'string') {
    parts.push(`${String(type)}: ${String(node['x-rampart-expected'])}`);
  } else {
    parts.push(String(type));
  }
  const bounds: string[] = [];
  if (node.minimum !== undefined) bounds.push(`≥ ${String(node.minimum)}`);
  if (node.exclusiveMinimum !== undefined) bounds.push(`> ${String(node.exclusiveMinimum)}`);
  if (node.maximum !== undefined) bounds.push(`≤ ${String(node.maximum)}`);
  if (node.minLength !== undefined && Number(node.minLength) > 1)
    bounds.push(`≥ ${String(node.minLength)} characters`);
  if (bounds.length) parts.push(bounds.join(', '));
  if (node['x-rampart-secret'] === true) parts.push('**secret**');
  return parts.join(', ');
}

function collectRows(
  node: SchemaNode,
  prefix: string,
  envByKey: ReadonlyMap<string, string>,
  rows: Row[],
): void {
  const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
  const required = new Set((node.required ?? []) as string[]);
  for (const [name, child] of Object.entries(properties)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const env = envByKey.get(key);
    const requiredNote = required.has(name) ? ' Required.' : '';
    rows.push({
      key,
      type: describeType(child),
      defaultValue: child.default === undefined ? '—' : code(JSON.stringify(child.default)),
      env: env ? `${code(env)}${child.type === 'array' ? ' (comma-separated)' : ''}` : '—',
      description: `${String(child.description ?? '')}${requiredNote}`,
    });
    if (child.type === 'object') collectRows(child, key, envByKey, rows);
    if (child.type === 'array') {
      const items = (child.items ?? {}) as SchemaNode;
      if (items.type === 'object') collectRows(items, `${key}[]`, envByKey, rows);
    }
  }
}

/**
 * The Markdown reference of `rampart.yaml` (docs/configuration.md), generated from `CONFIG_SCHEMA`: how the
 * configuration is found and layered, then every key with its type, default, environment variable and description.
 */
export function renderConfigDocs(schema: SchemaNode = CONFIG_SCHEMA): string {
  const envByKey = new Map(listConfigSettings(schema).map((s) => [s.key, s.env]));
  const properties = Object.entries((schema.properties ?? {}) as Record<string, SchemaNode>);
  const sections = properties.filter(([, node]) => node.type === 'object');
  const topLevel: SchemaNode = {
    properties: Object.fromEntries(properties.filter(([, node]) => node.type !== 'object')),
  };
  const out: string[] = [
    '# Configuration',
    '',
    '<!-- Generated from packages/cli/src/config/config-schema.ts by `npm run generate:docs -w @rampart/cli`.',
    '     Do not edit by hand: a test fails when this file and the schema drift apart. -->',
    '',
    'Rampart reads one YAML file, `rampart.yaml`. Every key is optional; an omitted key takes its default.',
    '',
    '## Where the configuration comes from',
    '',
    'At start-up, once, in this order (later wins):',
    '',
    '1. **Defaults** listed below.',
    '2. **The file**: `--config <file>` if given, else the file named by `$RAMPART_CONFIG`, else `./rampart.yaml`',
    '   if it exists, else none. A file named by `--config` or `RAMPART_CONFIG` must exist.',
    '3. **Environment variables** `RAMPART_<SECTION>_<KEY>`: the key path in SCREAMING_SNAKE_CASE, e.g.',
    '   `audit.failOn` → `RAMPART_AUDIT_FAIL_ON`. Lists are comma-separated; booleans accept `true`/`false`',
    '   (also `1`/`0`, `yes`/`no`, `on`/`off`); an empty variable counts as unset. Maps and lists of objects are',
    '   set in the file only. An unknown `RAMPART_*` variable is reported as a warning with a did-you-mean.',
    '4. **Flags**: `--set <key>=<value>` (repeatable) on commands that read the configuration, and flags such as',
    '   `--fail-on` that name the key they override.',
    '',
    'The result is validated against the schema, then frozen. Unknown keys are errors (with a did-you-mean), and',
    'every problem is reported at once with its path, the value, the fix, and the file line:column or the',
    'variable or flag that set it. `rampart config validate` checks it; `rampart config show` prints the result.',
    '',
    'Values marked **secret** are never printed: `rampart config show`, logs and error messages show',
    '`[redacted]`. Prefer setting them through the environment rather than in the file.',
    '',
    'The JSON Schema is [`docs/schema/rampart.schema.json`](schema/rampart.schema.json) (also printed by',
    '`rampart config schema`); add `$schema: <path to it>` at the top of `rampart.yaml` for editor completion.',
    '',
    '## Variables of the command line itself',
    '',
    '| Variable | Meaning |',
    '|---|---|',
    ...Object.entries(CLI_ENV_VARIABLES).map(([name, meaning]) => `| ${code(name)} | ${cell(meaning)} |`),
    '',
  ];
  const table = (rows: readonly Row[]) => {
    out.push('| Key | Type | Default | Environment variable | Description |', '|---|---|---|---|---|');
    for (const row of rows) {
      out.push(
        `| ${code(row.key)} | ${cell(row.type)} | ${row.defaultValue} | ${row.env} | ${cell(row.description)} |`,
      );
    }
    out.push('');
  };
  const topRows: Row[] = [];
  collectRows(topLevel, '', envByKey, topRows);
  out.push('## Top level', '');
  table(topRows);
  for (const [name, node] of sections) {
    const rows: Row[] = [];
    collectRows(node, name, envByKey, rows);
    out.push(`## \`${name}\``, '', String(node.description ?? ''), '');
    table(rows);
  }
  return out.join('\n');
}
