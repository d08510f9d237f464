import { type Problem, RampartValidationError } from '@rampart/core';
import { LineCounter, parseDocument } from 'yaml';
import { AUTO_IDENTITY_NAMES } from '../bootstrap/derive-auto-identities.js';
import type {
  CredentialTemplate,
  ExtractRule,
  FlowConfig,
  FlowStep,
  IdentitiesConfig,
  IdentityConfig,
  LoginFlow,
  LoginStep,
  PreflightProbe,
  RegisterFlow,
} from './identities-config.js';
import { TEMPLATE_VARIABLE } from './interpolate-template.js';
import { locateYamlPath } from './locate-yaml-path.js';

/** Options of {@link parseIdentities}. */
export interface ParseIdentitiesOptions {
  /** Values for `${NAME}` placeholders (default `process.env`), so secrets stay out of the file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const NAME = /^[a-z][a-z0-9_-]{0,39}$/i;
const METHOD = /^[A-Z]+$/;
const DOCS = 'see docs/identities.md';
const TOP_KEYS = ['identities', 'preflight', 'flows', 'autoIdentities'];
const IDENTITY_KEYS = [
  'name',
  'role',
  'admin',
  'bearer',
  'headers',
  'cookies',
  'login',
  'register',
  'preflight',
];
const STEP_KEYS = ['method', 'path', 'query', 'headers', 'json', 'form', 'extract', 'expect', 'expectStatus'];
const FLOW_KEYS = ['name', 'as', 'steps', 'optional'];
const FLOW_STEP_KEYS = [...STEP_KEYS, 'as', 'name', 'resource', 'cleanup'];
/** Variables every step may use without extracting them. */
const BUILT_INS = ['random', 'scanId', 'identity'];

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Parses and validates an identities file (YAML or JSON); the format is documented in docs/identities.md:
 *
 * ```yaml
 * preflight: { method: GET, path: /users/me }     # optional; chosen from the description otherwise
 * autoIdentities: false                            # true: also sign up two throwaway users (--auto-identities)
 * identities:
 *   - name: alice
 *     role: customer
 *     register:                                    # optional: create the account first
 *       steps:
 *         - { method: POST, path: /auth/register, json: { username: "alice-{{random}}", password: "${PW}" } }
 *     login:
 *       steps:
 *         - method: POST
 *           path: /auth/login
 *           json: { username: "alice-{{random}}", password: "${PW}" }
 *           extract: { token: { from: body, pointer: /accessToken } }
 *       apply: { bearer: "{{token}}" }             # or apply: auto
 *   - name: ops
 *     admin: true
 *     headers: { X-API-Key: "${OPS_KEY}" }
 * flows:
 *   - name: open-account
 *     as: alice
 *     steps:
 *       - method: POST
 *         path: /accounts
 *         json: { nickname: "{{marker}}" }
 *         extract: { accountId: { from: body, pointer: /id } }
 *         expect: 201
 *         cleanup: { method: DELETE, path: "/accounts/{{accountId}}" }
 * ```
 *
 * `anonymous` is implicit. `${NAME}` is replaced from the environment; `{{var}}` must be extracted by an
 * earlier step or be a built-in (`random`, `scanId`, `identity`; `marker` in flows). Throws one
 * `RampartValidationError` (`RAMPART_ERR_CONFIG_IDENTITIES`) listing every problem with its path, its
 * `file:line:column` and how to fix it.
 */
export function parseIdentities(
  text: string,
  file: string,
  options: ParseIdentitiesOptions = {},
): IdentitiesConfig {
  const env = options.env ?? process.env;
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_IDENTITIES',
      `${file} is not valid YAML`,
      document.errors.slice(0, 5).map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          path: '(document)',
          message: error.message.split('\n', 1)[0] as string,
          location: { file, line: position.line, column: position.col },
          hint: 'fix the YAML syntax (indentation, quotes around values with ": " or "{{")',
        };
      }),
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new RampartValidationError('RAMPART_ERR_CONFIG_IDENTITIES', `${file} cannot be read`, [
      { path: '(document)', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const problem = (path: string, message: string, hint?: string) =>
    problems.push(hint === undefined ? { path, message } : { path, message, hint });

  const substitute = (value: string, path: string): string =>
    value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        problem(path, `environment variable ${name} is not set`, `export ${name}=… before running the scan`);
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
  const unknownKeys = (value: Raw, allowed: readonly string[], path: string) => {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        problem(
          `${path ? `${path}.` : ''}${key}`,
          `unknown key "${key}"`,
          `allowed here: ${allowed.join(', ')}`,
        );
      }
    }
  };
  const stringMap = (value: unknown, path: string): Record<string, string> | undefined => {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      problem(
        path,
        `must be a map of names to strings, got ${JSON.stringify(value)}`,
        'e.g. { Accept: application/json }',
      );
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        out[k] = substitute(String(v), `${path}.${k}`);
      else problem(`${path}.${k}`, `must be a string, got ${JSON.stringify(v)}`);
    }
    return out;
  };
  const checkVariables = (value: unknown, known: ReadonlySet<string>, path: string) => {
    const text = JSON.stringify(value ?? null);
    for (const match of text.matchAll(TEMPLATE_VARIABLE)) {
      if (!known.has(match[1]!)) {
        problem(
          path,
          `uses {{${match[1]}}} before any step extracts it`,
          `extract ${match[1]} in an earlier step, or use a built-in: ${[...known].filter((k) => BUILT_INS.includes(k) || k === 'marker').join(', ')}`,
        );
      }
    }
  };
  const template = (value: Raw, path: string): CredentialTemplate => {
    const out: { bearer?: string; headers?: Record<string, string>; cookies?: Record<string, string> } = {};
    if (value['bearer'] !== undefined) {
      if (typeof value['bearer'] === 'string') out.bearer = substitute(value['bearer'], `${path}.bearer`);
      else
        problem(
          `${path}.bearer`,
          'must be a string (the token)',
          `e.g. bearer: "\${API_TOKEN}" (read from the environment)`,
        );
    }
    const headers = stringMap(value['headers'], `${path}.headers`);
    if (headers) out.headers = headers;
    const cookies = stringMap(value['cookies'], `${path}.cookies`);
    if (cookies) out.cookies = cookies;
    return out;
  };
  const extractRule = (value: unknown, path: string): ExtractRule | undefined => {
    if (isObject(value)) {
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
    }
    problem(
      path,
      `must be { from: body, pointer: /json/pointer } or { from: header|cookie, name }, got ${JSON.stringify(value)}`,
      'a JSON pointer starts with "/": /id, /data/token, /items/0/id',
    );
    return undefined;
  };
  const statusList = (value: unknown, path: string): number[] | undefined => {
    const list = typeof value === 'number' ? [value] : value;
    if (
      Array.isArray(list) &&
      list.length > 0 &&
      list.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)
    ) {
      return list as number[];
    }
    problem(
      path,
      `must be an HTTP status or a list of them, got ${JSON.stringify(value)}`,
      'e.g. expect: 201 or expect: [200, 201]',
    );
    return undefined;
  };
  /** One request step; adds what it extracts to `known`. */
  const step = (rawStep: Raw, at: string, known: Set<string>): LoginStep => {
    const method = typeof rawStep['method'] === 'string' ? rawStep['method'].toUpperCase() : '';
    if (!METHOD.test(method)) {
      problem(
        `${at}.method`,
        `must be an HTTP method, got ${JSON.stringify(rawStep['method'])}`,
        'e.g. method: POST',
      );
    }
    const path = rawStep['path'];
    if (typeof path !== 'string' || path === '') {
      problem(`${at}.path`, `must be a path such as /auth/login, got ${JSON.stringify(path)}`);
    }
    if (rawStep['json'] !== undefined && rawStep['form'] !== undefined) {
      problem(`${at}.form`, 'a step sends json or form, not both', 'keep one of them');
    }
    for (const key of ['path', 'query', 'headers', 'json', 'form'])
      if (rawStep[key] !== undefined) checkVariables(rawStep[key], known, `${at}.${key}`);
    const out: Record<string, unknown> = {
      method,
      path: typeof path === 'string' ? substitute(path, `${at}.path`) : '',
    };
    const query = stringMap(rawStep['query'], `${at}.query`);
    if (query) out['query'] = query;
    const headers = stringMap(rawStep['headers'], `${at}.headers`);
    if (headers) out['headers'] = headers;
    if (rawStep['json'] !== undefined) out['json'] = deepSubstitute(rawStep['json'], `${at}.json`);
    const form = stringMap(rawStep['form'], `${at}.form`);
    if (form) out['form'] = form;
    if (rawStep['expect'] !== undefined && rawStep['expectStatus'] !== undefined) {
      problem(`${at}.expectStatus`, 'expect and expectStatus mean the same', 'keep one of them');
    }
    const expectKey = rawStep['expect'] !== undefined ? 'expect' : 'expectStatus';
    if (rawStep[expectKey] !== undefined) {
      const statuses = statusList(rawStep[expectKey], `${at}.${expectKey}`);
      if (statuses) out['expectStatus'] = statuses;
    }
    if (rawStep['extract'] !== undefined) {
      if (!isObject(rawStep['extract'])) {
        problem(
          `${at}.extract`,
          'must be a map of variable names to rules',
          'e.g. extract: { id: { from: body, pointer: /id } }',
        );
      } else {
        const extract: Record<string, ExtractRule> = {};
        for (const [name, rule] of Object.entries(rawStep['extract'])) {
          if (!/^[\w.-]+$/.test(name))
            problem(
              `${at}.extract.${name}`,
              `"${name}" is not a variable name`,
              'use letters, digits, _ . -',
            );
          const parsed = extractRule(rule, `${at}.extract.${name}`);
          if (parsed) extract[name] = parsed;
          known.add(name);
        }
        if (Object.keys(extract).length > 0) out['extract'] = extract;
      }
    }
    return out as unknown as LoginStep;
  };
  const stepList = (value: unknown, path: string, what: string): unknown[] | undefined => {
    if (!isObject(value) || !Array.isArray(value['steps']) || value['steps'].length === 0) {
      problem(
        path,
        `must have a non-empty list of steps`,
        `${what}: { steps: [ { method: POST, path: /… } ] }`,
      );
      return undefined;
    }
    return value['steps'];
  };
  const registerFlow = (value: unknown, path: string, known: Set<string>): RegisterFlow | undefined => {
    const list = stepList(value, path, 'register');
    if (list === undefined) return undefined;
    unknownKeys(value as Raw, ['steps'], path);
    const steps: LoginStep[] = [];
    list.forEach((rawStep, index) => {
      const at = `${path}.steps[${index}]`;
      if (!isObject(rawStep)) problem(at, 'must be a map with method and path');
      else {
        unknownKeys(rawStep, STEP_KEYS, at);
        steps.push(step(rawStep, at, known));
      }
    });
    return { steps };
  };
  const loginFlow = (value: unknown, path: string, known: Set<string>): LoginFlow | undefined => {
    const list = stepList(value, path, 'login');
    if (list === undefined) return undefined;
    const rawFlow = value as Raw;
    unknownKeys(rawFlow, ['steps', 'apply', 'refreshOn'], path);
    const steps: LoginStep[] = [];
    list.forEach((rawStep, index) => {
      const at = `${path}.steps[${index}]`;
      if (!isObject(rawStep)) problem(at, 'must be a map with method and path');
      else {
        unknownKeys(rawStep, STEP_KEYS, at);
        steps.push(step(rawStep, at, known));
      }
    });
    const flow: {
      steps: LoginStep[];
      apply: CredentialTemplate;
      refreshOn?: number[];
      detectToken?: boolean;
    } = {
      steps,
      apply: {},
    };
    if (rawFlow['apply'] === 'auto') {
      flow.apply = { bearer: '{{token}}' };
      flow.detectToken = true;
    } else if (!isObject(rawFlow['apply'])) {
      problem(
        `${path}.apply`,
        'must say where the credentials go: bearer, headers or cookies, or "auto"',
        'e.g. apply: { bearer: "{{token}}" }, or apply: auto to find the token in the login response',
      );
      return undefined;
    } else {
      unknownKeys(rawFlow['apply'], ['bearer', 'headers', 'cookies'], `${path}.apply`);
      flow.apply = template(rawFlow['apply'], `${path}.apply`);
      checkVariables(flow.apply, known, `${path}.apply`);
    }
    if (rawFlow['refreshOn'] !== undefined) {
      const statuses = statusList(rawFlow['refreshOn'], `${path}.refreshOn`);
      if (statuses) flow.refreshOn = statuses;
    }
    return flow;
  };

  if (!isObject(raw)) {
    throw new RampartValidationError('RAMPART_ERR_CONFIG_IDENTITIES', `${file} must be a map`, [
      {
        path: '(document)',
        message: 'expected a map with an identities list',
        hint: DOCS,
        location: { file, line: 1, column: 1 },
      },
    ]);
  }
  unknownKeys(raw, TOP_KEYS, '');
  let autoIdentities = false;
  if (raw['autoIdentities'] !== undefined) {
    if (typeof raw['autoIdentities'] === 'boolean') autoIdentities = raw['autoIdentities'];
    else problem('autoIdentities', `must be true or false, got ${JSON.stringify(raw['autoIdentities'])}`);
  }
  const identities: IdentityConfig[] = [];
  const names = new Set<string>();
  if (raw['identities'] === undefined && autoIdentities) {
    // Only the throwaway users (and flows) from the description.
  } else if (!Array.isArray(raw['identities'])) {
    problem(
      'identities',
      'must be a list of identities',
      `identities: [ { name: alice, bearer: "\${ALICE_TOKEN}" } ] (${DOCS})`,
    );
  } else {
    raw['identities'].forEach((entry: unknown, index: number) => {
      const at = `identities[${index}]`;
      if (!isObject(entry)) {
        problem(at, 'must be a map with a name', 'e.g. - name: alice');
        return;
      }
      unknownKeys(entry, IDENTITY_KEYS, at);
      const name = entry['name'];
      if (typeof name !== 'string' || !NAME.test(name)) {
        problem(`${at}.name`, `must be a short name (letters, digits, - _), got ${JSON.stringify(name)}`);
        return;
      }
      if (name === 'anonymous' || names.has(name) || (autoIdentities && AUTO_IDENTITY_NAMES.includes(name))) {
        problem(
          `${at}.name`,
          `"${name}" is ${names.has(name) ? 'used twice' : 'reserved'}`,
          'give every identity its own name',
        );
        return;
      }
      names.add(name);
      const identity: Record<string, unknown> = { name, ...template(entry, at) };
      if (entry['role'] !== undefined) {
        if (typeof entry['role'] === 'string') identity['role'] = entry['role'];
        else
          problem(
            `${at}.role`,
            'must be a string',
            'identities with the same role are peers, e.g. role: customer',
          );
      }
      if (entry['admin'] !== undefined) {
        if (typeof entry['admin'] === 'boolean') identity['admin'] = entry['admin'];
        else problem(`${at}.admin`, 'must be true or false');
      }
      if (entry['preflight'] !== undefined) {
        const own = parsePreflight(entry['preflight']);
        if (own) identity['preflight'] = own;
        else
          problem(
            `${at}.preflight`,
            'must be { method, path }',
            'e.g. preflight: { method: GET, path: /partner/accounts/summary }',
          );
      }
      const known = new Set(BUILT_INS);
      if (entry['register'] !== undefined) {
        const flow = registerFlow(entry['register'], `${at}.register`, known);
        if (flow) identity['register'] = flow;
      }
      if (entry['login'] !== undefined) {
        const flow = loginFlow(entry['login'], `${at}.login`, known);
        if (flow) identity['login'] = flow;
      }
      for (const key of ['bearer', 'headers', 'cookies'] as const) {
        if (identity[key] !== undefined) checkVariables(identity[key], new Set(BUILT_INS), `${at}.${key}`);
      }
      if (
        entry['login'] === undefined &&
        identity['bearer'] === undefined &&
        identity['headers'] === undefined &&
        identity['cookies'] === undefined
      ) {
        problem(at, `identity "${name}" has no credentials`, 'give bearer, headers, cookies or login');
      }
      identities.push(identity as unknown as IdentityConfig);
    });
  }

  let preflight: PreflightProbe | undefined;
  if (raw['preflight'] !== undefined) {
    preflight = parsePreflight(raw['preflight']);
    if (preflight === undefined)
      problem('preflight', 'must be { method, path }', 'e.g. preflight: { method: GET, path: /users/me }');
  }

  const flows: FlowConfig[] = [];
  if (raw['flows'] !== undefined) {
    const senders = new Set(['anonymous', ...names, ...(autoIdentities ? AUTO_IDENTITY_NAMES : [])]);
    const sender = (value: unknown, path: string): string | undefined => {
      if (typeof value === 'string' && senders.has(value)) return value;
      problem(path, `names no identity: ${JSON.stringify(value)}`, `use one of ${[...senders].join(', ')}`);
      return undefined;
    };
    if (!Array.isArray(raw['flows'])) {
      problem(
        'flows',
        'must be a list of flows',
        `flows: [ { name: open-account, as: alice, steps: [ … ] } ] (${DOCS})`,
      );
    } else {
      const flowNames = new Set<string>();
      raw['flows'].forEach((entry: unknown, index: number) => {
        const at = `flows[${index}]`;
        if (!isObject(entry)) {
          problem(at, 'must be a map with a name and steps');
          return;
        }
        unknownKeys(entry, FLOW_KEYS, at);
        const name = entry['name'];
        if (typeof name !== 'string' || !NAME.test(name)) {
          problem(`${at}.name`, `must be a short name (letters, digits, - _), got ${JSON.stringify(name)}`);
          return;
        }
        if (flowNames.has(name))
          problem(`${at}.name`, `"${name}" is used twice`, 'give every flow its own name');
        flowNames.add(name);
        const flowAs = entry['as'] === undefined ? 'anonymous' : sender(entry['as'], `${at}.as`);
        const list = stepList(entry, at, 'a flow');
        if (list === undefined) return;
        const known = new Set([...BUILT_INS, 'marker']);
        const steps: FlowStep[] = [];
        list.forEach((rawStep, stepIndex) => {
          const stepAt = `${at}.steps[${stepIndex}]`;
          if (!isObject(rawStep)) {
            problem(stepAt, 'must be a map with method and path');
            return;
          }
          unknownKeys(rawStep, FLOW_STEP_KEYS, stepAt);
          const parsed: Record<string, unknown> = { ...step(rawStep, stepAt, known) };
          const as = rawStep['as'] === undefined ? flowAs : sender(rawStep['as'], `${stepAt}.as`);
          parsed['as'] = as ?? 'anonymous';
          for (const key of ['name', 'resource'] as const) {
            if (rawStep[key] === undefined) continue;
            if (typeof rawStep[key] === 'string' && rawStep[key] !== '') parsed[key] = rawStep[key];
            else
              problem(`${stepAt}.${key}`, `must be a non-empty string, got ${JSON.stringify(rawStep[key])}`);
          }
          const cleanup = rawStep['cleanup'];
          if (cleanup !== undefined) {
            if (
              isObject(cleanup) &&
              typeof cleanup['method'] === 'string' &&
              METHOD.test(cleanup['method'].toUpperCase()) &&
              typeof cleanup['path'] === 'string'
            ) {
              unknownKeys(cleanup, ['method', 'path'], `${stepAt}.cleanup`);
              checkVariables(cleanup['path'], known, `${stepAt}.cleanup.path`);
              parsed['cleanup'] = {
                method: cleanup['method'].toUpperCase(),
                path: substitute(cleanup['path'], `${stepAt}.cleanup.path`),
              };
            } else {
              problem(
                `${stepAt}.cleanup`,
                `must be { method, path }, got ${JSON.stringify(cleanup)}`,
                'e.g. cleanup: { method: DELETE, path: "/accounts/{{accountId}}" }',
              );
            }
          }
          steps.push(parsed as unknown as FlowStep);
        });
        const flow: { name: string; steps: FlowStep[]; optional?: boolean } = { name, steps };
        if (entry['optional'] !== undefined) {
          if (typeof entry['optional'] === 'boolean') flow.optional = entry['optional'];
          else problem(`${at}.optional`, 'must be true or false');
        }
        flows.push(flow);
      });
    }
  }

  if (problems.length > 0) {
    const located = problems.map((p): Problem => {
      const position = locateYamlPath(document, lineCounter, p.path);
      return position ? { ...p, location: { file, line: position.line, column: position.column } } : p;
    });
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_IDENTITIES',
      `${file} has ${problems.length} problem(s)`,
      located,
      { hint: DOCS },
    );
  }
  return {
    identities,
    ...(preflight ? { preflight } : {}),
    ...(flows.length > 0 ? { flows } : {}),
    ...(autoIdentities ? { autoIdentities } : {}),
  };
}

/** A `preflight: { method, path }` value, or undefined when it has another shape. */
function parsePreflight(value: unknown): PreflightProbe | undefined {
  if (!isObject(value) || typeof value['method'] !== 'string' || typeof value['path'] !== 'string')
    return undefined;
  return { method: value['method'].toUpperCase(), path: value['path'] };
}
