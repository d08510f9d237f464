import type { Finding, OwaspCategory } from '@rampart/core';
import { type ApiModel, type JsonSchema, type Operation, walkSchema } from '@rampart/openapi';
import {
  isObjectIdName,
  isOwnershipName,
  isPageSizeName,
  isPrivilegedName,
  isRedirectLikeName,
  isUrlLikeName,
  joinedWordsOf,
  wordsOf,
} from './classify-name.js';

/** Why the scanner should attack an input first. */
export type TestPlanKind =
  | 'bola'
  | 'mass-assignment'
  | 'ssrf'
  | 'open-redirect'
  | 'admin-operation'
  | 'auth-flow'
  | 'pagination'
  | 'regex'
  | 'business-flow'
  | 'file-upload';

/** The input to attack. `pointer` is the logical JSON pointer in the normalized (3.x) document. */
export interface TestPlanTarget {
  readonly in: 'path' | 'query' | 'header' | 'cookie' | 'body';
  /** Parameter name, or the last property name of a body field. */
  readonly name: string;
  /** Body fields: property names from the body root (`[]` for array items). */
  readonly propertyPath?: readonly string[];
  /** Body fields: the media type that carries them. */
  readonly mediaType?: string;
  readonly pointer: string;
}

export interface TestPlanEntry {
  readonly kind: TestPlanKind;
  /** 1 = attack first. */
  readonly priority: 1 | 2 | 3;
  /** `GET /users/{id}` */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  /** Absent when the whole operation is the target (admin operations, auth and business flows). */
  readonly target?: TestPlanTarget;
  readonly reason: string;
  /** Audit findings on the same operation and OWASP category. */
  readonly ruleIds: readonly string[];
  /** Kind-specific facts: `flow` (auth-flow), `pattern` (regex), `maximum` (pagination), `why` (mass-assignment). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** The test plan format, version 1 (docs/test-plan.md). */
export interface TestPlan {
  readonly version: 1;
  readonly tool: 'rampart-audit';
  readonly source: {
    readonly file: string;
    readonly title: string;
    readonly apiVersion: string;
    readonly specVersion: string;
  };
  /** Sorted by priority, then operation, then kind. */
  readonly entries: readonly TestPlanEntry[];
}

const CATEGORY_OF: Readonly<Record<TestPlanKind, OwaspCategory>> = {
  bola: 'API1',
  'mass-assignment': 'API3',
  ssrf: 'API7',
  'open-redirect': 'API7',
  'admin-operation': 'API5',
  'auth-flow': 'API2',
  pagination: 'API4',
  regex: 'API4',
  'business-flow': 'API6',
  'file-upload': 'API4',
};

const ADMIN_WORDS = new Set([
  'admin',
  'admins',
  'administrator',
  'internal',
  'manage',
  'management',
  'debug',
  'actuator',
  'ops',
  'superuser',
  'sudo',
  'impersonate',
]);
const AUTH_FLOWS: ReadonlyArray<[string, RegExp]> = [
  [
    'password-reset',
    /(reset|forgot|recover|change)(password|pwd|pass)|password(reset|forgot|recovery|change)/,
  ],
  ['otp', /otp|totp|onetime|verificationcode|verifycode|sms(code|verify)/],
  ['mfa', /mfa|2fa|twofactor|multifactor/],
  ['login', /login|signin|logon|authenticate|session/],
  ['token', /token|oauth|authorize/],
  ['signup', /signup|register|registration/],
];
const BUSINESS_WORDS = new Set([
  'checkout',
  'purchase',
  'purchases',
  'buy',
  'order',
  'orders',
  'payment',
  'payments',
  'pay',
  'transfer',
  'transfers',
  'redeem',
  'coupon',
  'coupons',
  'voucher',
  'vote',
  'votes',
  'invite',
  'invites',
  'invitation',
  'invitations',
  'booking',
  'bookings',
  'reserve',
  'reservation',
  'reservations',
  'refund',
  'refunds',
  'withdraw',
  'withdrawal',
  'comment',
  'comments',
  'review',
  'reviews',
]);
const SERVER_GENERATED =
  /^(id|uuid|createdat|updatedat|createdon|updatedon|created|modified|modifiedat|deletedat|createdby|updatedby|ownerid|owner|userid|tenantid|accountid|version|etag)$/;
const MAX_BODY_DEPTH = 8;

function operationWords(op: Operation): string {
  return [op.path, op.operationId ?? '', op.summary ?? ''].flatMap((s) => wordsOf(s)).join('');
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Derives the inputs the active scanner should attack first from a model and its audit findings.
 * Pure: same model and findings, same plan. See docs/test-plan.md for the format.
 */
export function deriveTestPlan(model: ApiModel, findings: readonly Finding[]): TestPlan {
  const findingsByOperation = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const l of [f.location, ...(f.relatedLocations ?? [])]) {
      if (l.method === undefined || l.path === undefined) continue;
      const key = `${l.method} ${l.path}`;
      const list = findingsByOperation.get(key) ?? [];
      if (!list.includes(f)) list.push(f);
      findingsByOperation.set(key, list);
    }
  }
  const entries: TestPlanEntry[] = [];
  for (const op of model.operations) {
    const method = op.method.toUpperCase();
    const opFindings = findingsByOperation.get(`${method} ${op.path}`) ?? [];
    const add = (
      kind: TestPlanKind,
      priority: 1 | 2 | 3,
      reason: string,
      target?: TestPlanTarget,
      detail?: Record<string, string | number | boolean>,
    ) => {
      const ruleIds = [
        ...new Set(opFindings.filter((f) => f.owasp === CATEGORY_OF[kind]).map((f) => f.ruleId)),
      ].sort();
      entries.push({
        kind,
        priority,
        operation: `${method} ${op.path}`,
        method,
        path: op.path,
        ...(op.operationId === undefined ? {} : { operationId: op.operationId }),
        ...(target === undefined ? {} : { target }),
        reason,
        ruleIds,
        ...(detail === undefined ? {} : { detail }),
      });
    };

    const words = operationWords(op);
    const segments = op.path.split('/').flatMap((s) => wordsOf(s));
    if (
      segments.some((w) => ADMIN_WORDS.has(w)) ||
      op.tags.some((t) => wordsOf(t).some((w) => ADMIN_WORDS.has(w)))
    ) {
      add('admin-operation', 1, 'path or tag marks an administrative function: call it as an ordinary user');
    }
    const flow = AUTH_FLOWS.find(([, re]) => re.test(words));
    if (flow) {
      add(
        'auth-flow',
        1,
        `authentication flow (${flow[0]}): brute force, enumeration and rate limits`,
        undefined,
        {
          flow: flow[0],
        },
      );
    } else if (segments.some((w) => BUSINESS_WORDS.has(w)) && op.method !== 'get') {
      add('business-flow', 2, 'sensitive business flow: automate it and look for missing anti-automation');
    }

    for (const p of op.parameters) {
      const target: TestPlanTarget = { in: p.in, name: p.name, pointer: p.pointer };
      if (isObjectIdName(p.name) && (p.in === 'path' || p.in === 'query')) {
        add(
          'bola',
          p.in === 'path' ? 1 : 2,
          `object id "${p.name}" in ${p.in}: swap it for another identity's object`,
          target,
        );
      }
      if (isRedirectLikeName(p.name)) {
        add('open-redirect', 2, `redirect-like parameter "${p.name}": point it at a foreign origin`, target);
      } else if (isUrlLikeName(p.name) || isUriFormat(p.schema)) {
        add(
          'ssrf',
          1,
          `URL-like parameter "${p.name}": point it at the canary and internal addresses`,
          target,
        );
      }
      if (p.in === 'query' && isPageSizeName(p.name)) {
        const maximum = typeof p.schema['maximum'] === 'number' ? p.schema['maximum'] : undefined;
        add(
          'pagination',
          maximum === undefined ? 1 : 3,
          maximum === undefined
            ? `page size "${p.name}" has no maximum: ask for a huge page`
            : `page size "${p.name}": check the documented maximum ${maximum} is enforced`,
          target,
          maximum === undefined ? { bounded: false } : { bounded: true, maximum },
        );
      }
      if (typeof p.schema['pattern'] === 'string') {
        add('regex', 3, `"${p.name}" is matched against a pattern: send backtracking-heavy input`, target, {
          pattern: p.schema['pattern'],
        });
      }
    }

    for (const media of op.requestBody?.content ?? []) {
      if (media.schema === undefined) continue;
      const mediaType = media.mediaType;
      if (
        /^multipart\/|octet-stream|^image\/|^video\/|^audio\/|^application\/(pdf|zip)/.test(mediaType) ||
        hasBinary(media.schema)
      ) {
        add(
          'file-upload',
          2,
          `file upload (${mediaType}): oversized, malicious and polyglot files`,
          undefined,
          { mediaType },
        );
      }
      walkSchema(media.schema, (schema, ctx) => {
        if (ctx.depth > MAX_BODY_DEPTH) return 'skip';
        const name = ctx.propertyPath.at(-1);
        if (name === undefined || name === '[]' || name === '*' || ctx.keywordPath.at(-2) !== 'properties')
          return undefined;
        const target: TestPlanTarget = {
          in: 'body',
          name,
          propertyPath: ctx.propertyPath,
          mediaType,
          pointer: `${media.pointer}/schema${ctx.keywordPath.map((k) => `/${escapeToken(k)}`).join('')}`,
        };
        const joined = joinedWordsOf(name);
        if (op.method !== 'get') {
          if (isPrivilegedName(name)) {
            add(
              'mass-assignment',
              1,
              `privileged field "${name}" accepted in the body: set it and read it back`,
              target,
              { why: 'privileged-name' },
            );
          } else if (schema['readOnly'] === true) {
            add(
              'mass-assignment',
              2,
              `read-only field "${name}" sent in the body: check the server ignores it`,
              target,
              { why: 'read-only' },
            );
          } else if (SERVER_GENERATED.test(joined) && ctx.propertyPath.length === 1) {
            add('mass-assignment', 2, `server-generated field "${name}" accepted in the body`, target, {
              why: 'server-generated',
            });
          }
        }
        if (isOwnershipName(name)) {
          add('bola', 1, `ownership field "${name}" in the body: set it to another identity's id`, target);
        } else if (isObjectIdName(name) && ctx.propertyPath.length === 1 && op.method !== 'get') {
          add('bola', 2, `object id "${name}" in the body: reference another identity's object`, target);
        }
        if (isRedirectLikeName(name)) {
          add('open-redirect', 2, `redirect-like field "${name}": point it at a foreign origin`, target);
        } else if (isUrlLikeName(name) || isUriFormat(schema)) {
          add('ssrf', 1, `URL-like field "${name}": point it at the canary and internal addresses`, target);
        }
        if (typeof schema['pattern'] === 'string') {
          add('regex', 3, `"${name}" is matched against a pattern: send backtracking-heavy input`, target, {
            pattern: schema['pattern'],
          });
        }
        return undefined;
      });
    }
  }
  entries.sort(
    (a, b) =>
      a.priority - b.priority ||
      a.operation.localeCompare(b.operation) ||
      a.kind.localeCompare(b.kind) ||
      (a.target?.pointer ?? '').localeCompare(b.target?.pointer ?? ''),
  );
  return {
    version: 1,
    tool: 'rampart-audit',
    source: {
      file: model.file,
      title: model.info.title,
      apiVersion: model.info.version,
      specVersion: model.specVersion,
    },
    entries,
  };
}

function isUriFormat(schema: JsonSchema): boolean {
  return schema['format'] === 'uri' || schema['format'] === 'url' || schema['format'] === 'uri-reference';
}

function hasBinary(schema: JsonSchema): boolean {
  let found = false;
  walkSchema(schema, (s, ctx) => {
    if (found || ctx.depth > 4) return 'skip';
    if (
      s['format'] === 'binary' ||
      s['contentEncoding'] === 'base64' ||
      typeof s['contentMediaType'] === 'string'
    )
      found = true;
    return undefined;
  });
  return found;
}
