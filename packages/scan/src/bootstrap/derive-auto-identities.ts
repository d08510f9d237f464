import { randomBytes } from 'node:crypto';
import { RampartError } from '@rampart/core';
import type { ApiModel, JsonSchema } from '@rampart/openapi';
import { sampleSchema } from '../explore/sample-schema.js';
import type { CredentialTemplate, IdentityConfig, LoginStep } from '../identities/identities-config.js';
import { type CredentialField, classifyCredentialField } from './classify-credential-field.js';
import { findLoginOperation } from './find-login-operation.js';
import { findSignupOperation } from './find-signup-operation.js';
import type { RequestBodyShape } from './read-request-body-shape.js';

/** The names of the two throwaway users `--auto-identities` creates (peers: same role). */
export const AUTO_IDENTITY_NAMES: readonly string[] = ['auto-user-1', 'auto-user-2'];

/** The role of the throwaway users. */
const AUTO_ROLE = 'self-registered';

/**
 * Values of the throwaway users, `RANDOM` replaced by a fresh value per identity (and per scan), so each run signs
 * up new, unique users; the password satisfies common rules (length, upper, lower, digit, symbol). The values are
 * concrete (not `{{random}}` templates) so checks that reuse an identity's password login can read them.
 */
const VALUES: Record<Exclude<CredentialField, 'password-confirmation'>, string> = {
  username: 'rampartRANDOM',
  email: 'rampartRANDOM@example.com',
  password: 'Rampart-RANDOM-Pw1!',
  name: 'Rampart',
};

/** What `--auto-identities` found in a description and the identities it makes of it. */
export interface AutoIdentities {
  readonly identities: readonly IdentityConfig[];
  /** `POST /auth/register`, for messages. */
  readonly signup: string;
  readonly login: string;
}

const PRIVILEGED_VALUE = /admin|root|super|staff|owner|manager|operator|internal/i;
const CONSENT = /terms|agree|accept|consent|tos|gdpr|privacy/i;

/** A value for a required field that is not a credential: a sample, never a privileged enum choice. */
function sampleField(name: string, schema: JsonSchema): unknown {
  if (Array.isArray(schema['enum'])) {
    const choice = schema['enum'].find((v) => !PRIVILEGED_VALUE.test(String(v)));
    if (choice !== undefined) return choice;
  }
  if ((schema['type'] === 'boolean' || schema['type'] === undefined) && CONSENT.test(name)) return true;
  return sampleSchema(schema, { marker: 'rampart' }, 0, name);
}

/** The body of a step for `shape`: credential fields from `values`, required others sampled. */
function buildBody(
  shape: RequestBodyShape,
  values: ReadonlyMap<CredentialField, string>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, schema] of shape.properties) {
    if (schema['readOnly'] === true) continue;
    const kind = classifyCredentialField(name);
    const value = kind === undefined ? undefined : values.get(kind);
    if (value !== undefined) body[name] = value;
    else if (shape.required.has(name) || name === 'grant_type') body[name] = sampleField(name, schema);
  }
  return shape.encoding === 'form'
    ? Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      )
    : body;
}

function toStep(
  method: string,
  path: string,
  shape: RequestBodyShape,
  body: Record<string, unknown>,
): LoginStep {
  return shape.encoding === 'json'
    ? { method, path, json: body }
    : { method, path, form: body as Record<string, string> };
}

/**
 * Where the API wants its credential, from the security schemes its operations use most: a bearer token
 * (HTTP bearer, OAuth 2.0, OpenID Connect, or nothing better known), an API-key header or an API-key cookie.
 */
function chooseApply(model: ApiModel): CredentialTemplate {
  const uses = new Map<string, number>();
  for (const operation of model.operations)
    for (const requirement of operation.security)
      for (const name of Object.keys(requirement)) uses.set(name, (uses.get(name) ?? 0) + 1);
  const ranked = [...uses].sort((a, b) => b[1] - a[1]);
  for (const [name] of ranked) {
    const scheme = model.securitySchemes[name];
    if (scheme === undefined) continue;
    if (scheme.type === 'apiKey' && scheme.paramName !== undefined) {
      if (scheme.in === 'header') return { headers: { [scheme.paramName]: '{{token}}' } };
      if (scheme.in === 'cookie') return { cookies: { [scheme.paramName]: '{{token}}' } };
      continue;
    }
    if (scheme.type === 'http' && scheme.scheme !== 'bearer') continue;
    return { bearer: '{{token}}' };
  }
  return { bearer: '{{token}}' };
}

/**
 * Two throwaway users of the same role made from the description's own sign-up and password login
 * (`--auto-identities`): each registers once with unique values (random per identity and scan), then logs in; the credential is
 * found in the login response (a token at a common pointer or header, else the session cookies) and applied
 * where the API's security scheme wants it. Throws `RAMPART_ERR_SCAN_AUTO_IDENTITIES` saying what is missing
 * when the description has no sign-up or no password login.
 */
export function deriveAutoIdentities(
  model: ApiModel,
  options: { readonly random?: () => string } = {},
): AutoIdentities {
  const random = options.random ?? (() => randomBytes(4).toString('hex'));
  const hint =
    'declare the users in identities.yaml instead (register: and login: steps, see docs/identities.md), or drop --auto-identities';
  const signup = findSignupOperation(model);
  if (signup === undefined) {
    throw new RampartError(
      'RAMPART_ERR_SCAN_AUTO_IDENTITIES',
      `--auto-identities: the description of "${model.info.title}" has no sign-up operation (a POST named register, signup, sign-up or create-account, or a public POST /users, whose body has a username or email and a password field), so no throwaway users can be created`,
      { hint },
    );
  }
  const login = findLoginOperation(model);
  if (login === undefined) {
    throw new RampartError(
      'RAMPART_ERR_SCAN_AUTO_IDENTITIES',
      `--auto-identities: the description of "${model.info.title}" has a sign-up (${signup.operation.key}) but no password login (a POST named login, signin, token or session whose body has a username or email and a password field)`,
      { hint },
    );
  }
  const signupKinds = new Set([...signup.body.properties.keys()].map(classifyCredentialField));
  const apply = chooseApply(model);
  const identities = AUTO_IDENTITY_NAMES.map((name): IdentityConfig => {
    const value = random();
    const values = new Map<CredentialField, string>(
      Object.entries(VALUES).map(([kind, text]): [CredentialField, string] => [
        kind as CredentialField,
        text.replace('RANDOM', value),
      ]),
    );
    values.set('password-confirmation', values.get('password')!);
    // The login names the user by what the sign-up recorded: its username, else its e-mail.
    const loginValues = new Map(values);
    if (!signupKinds.has('username')) loginValues.set('username', values.get('email')!);
    if (!signupKinds.has('email')) loginValues.set('email', values.get('username')!);
    return {
      name,
      role: AUTO_ROLE,
      register: {
        steps: [toStep('POST', signup.operation.path, signup.body, buildBody(signup.body, values))],
      },
      login: {
        steps: [toStep(login.method, login.path, login.body, buildBody(login.body, loginValues))],
        apply,
        detectToken: true,
      },
    };
  });
  return { identities, signup: signup.operation.key, login: `${login.method} ${login.path}` };
}
