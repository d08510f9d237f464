import { type Problem, RampartValidationError } from '@rampart/core';
import { parse as parseYaml } from 'yaml';
import type {
  CredentialTemplate,
  ExtractRule,
  IdentitiesConfig,
  IdentityConfig,
  LoginFlow,
  LoginStep,
  PreflightProbe,
} from './identities-config.js';

/** Options of {@link parseIdentities}. */
export interface ParseIdentitiesOptions {
  /** Values for `${NAME}` placeholders (default `process.env`), so secrets stay out of the file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const NAME = /^[a-z][a-z0-9_-]{0,39}$/i;
const METHOD = /^[A-Z]+$/;
const IDENTITY_KEYS = new Set(['name', 'role', 'admin', 'bearer', 'headers', 'cookies', 'login']);
const STEP_KEYS = new Set(['method', 'path', 'headers', 'json', 'form', 'extract', 'expectStatus']);

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Parses and validates an identities file (YAML or JSON):
 *
 * ```yaml
 * preflight: { method: GET, path: /users/me }     # optional; chosen from the description otherwise
 * identities:
 *   - name: alice
 *     role: customer
 *     login:
 *       steps:
 *         - method: POST
 *           path: /auth/login
 *           json: { username: alice, password: "${ALICE_PASSWORD}" }
 *           extract: { token: { from: body, pointer: /accessToken } }
 *       apply: { bearer: "{{token}}" }
 *   - name: ops
 *     admin: true
 *     headers: { X-API-Key: "${OPS_KEY}" }
 * ```
 *
 * `anonymous` is implicit. `${NAME}` is replaced from the environment; `{{var}}` must be extracted by an
 * earlier login step. Throws one `RampartValidationError` (`RAMPART_ERR_CONFIG_IDENTITIES`) listing every
 * problem with its path.
 */
export function parseIdentities(
  text: string,
  file: string,
  options: ParseIdentitiesOptions = {},
): IdentitiesConfig {
  const env = options.env ?? process.env;
  const problems: Problem[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new RampartValidationError('RAMPART_ERR_CONFIG_IDENTITIES', `${file} is not valid YAML`, [
      { path: '(document)', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const substitute = (value: string, path: string): string =>
    value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        problems.push({ path, message: `environment variable ${name} is not set`, hint: `export ${name}=…` });
        return '';
      }
      return found;
    });
  const deepSubstitute = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return substitute(value, path);
    if (Array.isArray(value)) return value.map((v, i) => deepSubstitute(v, `${path}[${i}]`));
    if (isObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, deepSubstitute(v, `${path}.${k}`)]),
      );
    }
    return value;
  };
  const stringMap = (value: unknown, path: string): Record<string, string> | undefined => {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      problems.push({ path, message: `must be a map of names to strings, got ${JSON.stringify(value)}` });
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' || typeof v === 'number') out[k] = substitute(String(v), `${path}.${k}`);
      else problems.push({ path: `${path}.${k}`, message: `must be a string, got ${JSON.stringify(v)}` });
    }
    return out;
  };
  const template = (value: Raw, path: string): CredentialTemplate => {
    const out: { bearer?: string; headers?: Record<string, string>; cookies?: Record<string, string> } = {};
    if (value['bearer'] !== undefined) {
      if (typeof value['bearer'] === 'string') out.bearer = substitute(value['bearer'], `${path}.bearer`);
      else problems.push({ path: `${path}.bearer`, message: 'must be a string (the token)' });
    }
    const headers = stringMap(value['headers'], `${path}.headers`);
    if (headers) out.headers = headers;
    const cookies = stringMap(value['cookies'], `${path}.cookies`);
    if (cookies) out.cookies = cookies;
    return out;
  };
  const extractRule = (value: unknown, path: string): ExtractRule | undefined => {
    if (!isObject(value)) {
      problems.push({ path, message: 'must be { from: body, pointer } or { from: header|cookie, name }' });
      return undefined;
    }
    if (
      value['from'] === 'body' &&
      typeof value['pointer'] === 'string' &&
      /^(\/|$)/.test(value['pointer'])
    ) {
      return { from: 'body', pointer: value['pointer'] };
    }
    if ((value['from'] === 'header' || value['from'] === 'cookie') && typeof value['name'] === 'string') {
      return { from: value['from'], name: value['name'] };
    }
    problems.push({
      path,
      message: `must be { from: body, pointer: /json/pointer } or { from: header|cookie, name }, got ${JSON.stringify(value)}`,
    });
    return undefined;
  };
  const loginFlow = (value: unknown, path: string): LoginFlow | undefined => {
    if (!isObject(value) || !Array.isArray(value['steps']) || value['steps'].length === 0) {
      problems.push({ path, message: 'must have a non-empty list of steps and an apply template' });
      return undefined;
    }
    const known = new Set<string>();
    const steps: LoginStep[] = [];
    value['steps'].forEach((rawStep: unknown, index: number) => {
      const at = `${path}.steps[${index}]`;
      if (!isObject(rawStep)) {
        problems.push({ path: at, message: 'must be a map with method and path' });
        return;
      }
      for (const key of Object.keys(rawStep)) {
        if (!STEP_KEYS.has(key)) problems.push({ path: `${at}.${key}`, message: `unknown key "${key}"` });
      }
      const method = typeof rawStep['method'] === 'string' ? rawStep['method'].toUpperCase() : '';
      if (!METHOD.test(method)) problems.push({ path: `${at}.method`, message: 'must be an HTTP method' });
      if (typeof rawStep['path'] !== 'string' || rawStep['path'] === '') {
        problems.push({ path: `${at}.path`, message: 'must be a path such as /auth/login' });
      }
      checkVariables(JSON.stringify(rawStep['json'] ?? null) + String(rawStep['path']), known, at, problems);
      const extract: Record<string, ExtractRule> = {};
      if (rawStep['extract'] !== undefined) {
        if (!isObject(rawStep['extract'])) problems.push({ path: `${at}.extract`, message: 'must be a map' });
        else
          for (const [name, rule] of Object.entries(rawStep['extract'])) {
            const parsed = extractRule(rule, `${at}.extract.${name}`);
            if (parsed) extract[name] = parsed;
            known.add(name);
          }
      }
      const step: Record<string, unknown> = { method, path: String(rawStep['path'] ?? '') };
      const headers = stringMap(rawStep['headers'], `${at}.headers`);
      if (headers) step['headers'] = headers;
      if (rawStep['json'] !== undefined) step['json'] = deepSubstitute(rawStep['json'], `${at}.json`);
      const form = stringMap(rawStep['form'], `${at}.form`);
      if (form) step['form'] = form;
      if (Object.keys(extract).length > 0) step['extract'] = extract;
      if (rawStep['expectStatus'] !== undefined) {
        const list = rawStep['expectStatus'];
        if (Array.isArray(list) && list.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)) {
          step['expectStatus'] = list;
        } else problems.push({ path: `${at}.expectStatus`, message: 'must be a list of HTTP status codes' });
      }
      steps.push(step as unknown as LoginStep);
    });
    if (!isObject(value['apply'])) {
      problems.push({
        path: `${path}.apply`,
        message: 'must say where the credentials go: bearer, headers or cookies',
      });
      return undefined;
    }
    const apply = template(value['apply'], `${path}.apply`);
    checkVariables(JSON.stringify(apply), known, `${path}.apply`, problems);
    const flow: { steps: LoginStep[]; apply: CredentialTemplate; refreshOn?: number[] } = { steps, apply };
    if (Array.isArray(value['refreshOn']))
      flow.refreshOn = value['refreshOn'].filter(Number.isInteger) as number[];
    return flow;
  };

  if (!isObject(raw)) {
    throw new RampartValidationError('RAMPART_ERR_CONFIG_IDENTITIES', `${file} must be a map`, [
      { path: '(document)', message: 'expected a map with an identities list', hint: 'see docs/scan.md' },
    ]);
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'identities' && key !== 'preflight')
      problems.push({ path: key, message: `unknown key "${key}"` });
  }
  const identities: IdentityConfig[] = [];
  const names = new Set<string>();
  if (!Array.isArray(raw['identities'])) {
    problems.push({ path: 'identities', message: 'must be a list of identities' });
  } else {
    raw['identities'].forEach((entry: unknown, index: number) => {
      const at = `identities[${index}]`;
      if (!isObject(entry)) {
        problems.push({ path: at, message: 'must be a map with a name' });
        return;
      }
      for (const key of Object.keys(entry)) {
        if (!IDENTITY_KEYS.has(key)) problems.push({ path: `${at}.${key}`, message: `unknown key "${key}"` });
      }
      const name = entry['name'];
      if (typeof name !== 'string' || !NAME.test(name)) {
        problems.push({
          path: `${at}.name`,
          message: `must be a short name (letters, digits, - _), got ${JSON.stringify(name)}`,
        });
        return;
      }
      if (name === 'anonymous' || names.has(name)) {
        problems.push({
          path: `${at}.name`,
          message: `"${name}" is ${name === 'anonymous' ? 'reserved' : 'used twice'}`,
        });
        return;
      }
      names.add(name);
      const identity: Record<string, unknown> = { name, ...template(entry, at) };
      if (entry['role'] !== undefined) {
        if (typeof entry['role'] === 'string') identity['role'] = entry['role'];
        else problems.push({ path: `${at}.role`, message: 'must be a string' });
      }
      if (entry['admin'] !== undefined) {
        if (typeof entry['admin'] === 'boolean') identity['admin'] = entry['admin'];
        else problems.push({ path: `${at}.admin`, message: 'must be true or false' });
      }
      if (entry['login'] !== undefined) {
        const flow = loginFlow(entry['login'], `${at}.login`);
        if (flow) identity['login'] = flow;
      }
      if (
        identity['login'] === undefined &&
        identity['bearer'] === undefined &&
        identity['headers'] === undefined &&
        identity['cookies'] === undefined
      ) {
        problems.push({
          path: at,
          message: `identity "${name}" has no credentials`,
          hint: 'give bearer, headers, cookies or login',
        });
      }
      identities.push(identity as unknown as IdentityConfig);
    });
  }
  let preflight: PreflightProbe | undefined;
  if (raw['preflight'] !== undefined) {
    const p = raw['preflight'];
    if (isObject(p) && typeof p['method'] === 'string' && typeof p['path'] === 'string') {
      preflight = { method: p['method'].toUpperCase(), path: p['path'] };
    } else problems.push({ path: 'preflight', message: 'must be { method, path }' });
  }
  if (problems.length > 0) {
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_IDENTITIES',
      `${file} has ${problems.length} problem(s)`,
      problems,
    );
  }
  return preflight ? { identities, preflight } : { identities };
}

function checkVariables(text: string, known: ReadonlySet<string>, path: string, problems: Problem[]): void {
  for (const match of text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) {
    if (!known.has(match[1]!)) {
      problems.push({
        path,
        message: `uses {{${match[1]}}} before any step extracts it`,
        hint: `extract ${match[1]} in an earlier step`,
      });
    }
  }
}
