/** `{{name}}` placeholders, with optional spaces inside the braces. */
export const TEMPLATE_VARIABLE = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** `text` with every `{{name}}` replaced by its value in `vars` (empty when unknown). */
export function interpolateTemplate(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(TEMPLATE_VARIABLE, (_, name: string) => vars.get(name) ?? '');
}

/** A deep copy of a JSON value with {@link interpolateTemplate} applied to every string in it. */
export function interpolateTemplateDeep(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return interpolateTemplate(value, vars);
  if (Array.isArray(value)) return value.map((v) => interpolateTemplateDeep(v, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateTemplateDeep(v, vars)]));
  }
  return value;
}
