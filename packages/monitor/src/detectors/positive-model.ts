import { type ApiEvent, isSecretName, type Severity } from '@rampart/core';
import type { Operation } from '@rampart/openapi';
import { defineDetector } from '../define-detector.js';
import { NO_SIGNALS } from '../no-signals.js';
import { parseRequestBody } from '../parse-request-body.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createLruMap } from '../state/create-lru-map.js';

export interface PositiveModelOptions {
  /** Values a parameter must have been seen with before anything about it is judged. */
  readonly minObservations: number;
  /** Endpoints profiled (least recently seen forgotten first); each keeps at most 64 parameters per location. */
  readonly maxEndpoints: number;
  /** A parameter with at most this many distinct values after warm-up is an enumeration. */
  readonly enumMaxValues: number;
  /** A value longer than `lengthFactor × p99.9 + lengthSlack` of the learned lengths is too long. */
  readonly lengthFactor: number;
  readonly lengthSlack: number;
  /** Also profile top-level fields of JSON and form bodies. */
  readonly inspectBody: boolean;
}

/** Character classes. The "dangerous" ones are reported when a parameter never had them during warm-up. */
const CLASS = {
  digit: 1 << 0,
  lower: 1 << 1,
  upper: 1 << 2,
  space: 1 << 3,
  quote: 1 << 4,
  angle: 1 << 5,
  separator: 1 << 6,
  paren: 1 << 7,
  brace: 1 << 8,
  backslash: 1 << 9,
  percent: 1 << 10,
  control: 1 << 11,
  slash: 1 << 12,
  dot: 1 << 13,
  dash: 1 << 14,
  other: 1 << 15,
  nonAscii: 1 << 16,
} as const;
const DANGEROUS =
  CLASS.quote |
  CLASS.angle |
  CLASS.separator |
  CLASS.paren |
  CLASS.brace |
  CLASS.backslash |
  CLASS.percent |
  CLASS.control;
const CLASS_NAMES = Object.entries(CLASS) as [string, number][];

const CODE_CLASS = new Uint32Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CODE_CLASS[c] =
    c < 32 || c === 127
      ? CLASS.control
      : c >= 48 && c <= 57
        ? CLASS.digit
        : c >= 97 && c <= 122
          ? CLASS.lower
          : c >= 65 && c <= 90
            ? CLASS.upper
            : ch === ' '
              ? CLASS.space
              : `'"\``.includes(ch)
                ? CLASS.quote
                : '<>'.includes(ch)
                  ? CLASS.angle
                  : ';|&'.includes(ch)
                    ? CLASS.separator
                    : '()'.includes(ch)
                      ? CLASS.paren
                      : '{}$'.includes(ch)
                        ? CLASS.brace
                        : ch === '\\'
                          ? CLASS.backslash
                          : ch === '%'
                            ? CLASS.percent
                            : ch === '/'
                              ? CLASS.slash
                              : ch === '.'
                                ? CLASS.dot
                                : '-_'.includes(ch)
                                  ? CLASS.dash
                                  : CLASS.other;
}

type ValueType = 'integer' | 'number' | 'boolean' | 'uuid' | 'string';
const INTEGER = /^-?\d{1,18}$/;
const NUMBER = /^-?\d*\.?\d+(e[+-]?\d+)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typeOf(value: string): ValueType {
  if (INTEGER.test(value)) return 'integer';
  if (NUMBER.test(value)) return 'number';
  if (value === 'true' || value === 'false') return 'boolean';
  if (UUID.test(value)) return 'uuid';
  return 'string';
}

/** Does a value of type `actual` fit a parameter learned as `expected`? */
function fits(expected: ValueType, actual: ValueType): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer') || expected === 'string';
}

function classesOf(value: string): number {
  let mask = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    mask |= c < 128 ? CODE_CLASS[c]! : CLASS.nonAscii;
  }
  return mask;
}

/** Lengths 0-63 exactly, then 64-127, 128-255, … up to 2^20 and more. */
const LENGTH_BUCKETS = 64 + 15;
function lengthBucket(length: number): number {
  return length < 64 ? length : Math.min(LENGTH_BUCKETS - 1, 64 + Math.floor(Math.log2(length)) - 6);
}
function bucketUpper(bucket: number): number {
  return bucket < 64 ? bucket : 2 ** (bucket - 64 + 7) - 1;
}

interface Profile {
  count: number;
  classes: number;
  readonly types: Record<ValueType, number>;
  readonly lengths: Uint32Array;
  /** Distinct values while few; undefined once there are more than `enumMaxValues`. */
  values: Set<string> | undefined;
  /** Learned expectations, recomputed every 64 observations after warm-up. */
  expectedType: ValueType;
  maxLength: number;
  readonly describedEnum: ReadonlySet<string> | undefined;
  readonly describedMaxLength: number | undefined;
}

interface Violation {
  readonly parameter: string;
  readonly value: string;
  readonly reason: 'characters' | 'type' | 'length' | 'enumeration';
  readonly expected: string;
}

export const positiveModel = defineDetector<PositiveModelOptions>({
  id: 'positive-model',
  title: 'Input outside the learned model',
  severity: 'medium',
  owasp: 'API8',
  cwe: 20,
  description:
    'Learns, per operation and parameter (query, path, top-level body fields), what normal values look like: ' +
    'type (integer, number, boolean, UUID), length (99.9th percentile), character classes, and the set of values ' +
    'when there are few; the description adds its enums and maxLength. After 200 observations of a parameter it ' +
    'reports values with never-seen dangerous characters (quotes, angle brackets, ;|&, parentheses, braces, ' +
    'backslash, percent, control characters) or the wrong type (medium), or too long or outside the enumeration ' +
    '(low), naming the parameter and what was expected. Values it reports are not learned.',
  defaults: {
    minObservations: 200,
    maxEndpoints: 2000,
    enumMaxValues: 12,
    lengthFactor: 1.5,
    lengthSlack: 8,
    inspectBody: true,
  },
  create({ options, routes }) {
    /** Endpoint → [path, query, body] → parameter name → profile. */
    const profiles = createLruMap<string, Map<string, Profile>[]>(options.maxEndpoints);
    const LOCATIONS = { path: 0, query: 1, body: 2 } as const;
    const secretNames = createLruMap<string, boolean>(4096);
    const isSecret = (name: string): boolean => {
      let secret = secretNames.peek(name);
      if (secret === undefined) {
        secret = isSecretName(name);
        secretNames.set(name, secret);
      }
      return secret;
    };

    const describe = (operation: Operation | undefined, location: string, name: string) => {
      const parameter = operation?.parameters.find((p) => p.in === location && p.name === name);
      const schema = parameter?.schema as { enum?: unknown[]; maxLength?: unknown } | undefined;
      return {
        describedEnum: Array.isArray(schema?.enum) ? new Set(schema.enum.map(String)) : undefined,
        describedMaxLength: typeof schema?.maxLength === 'number' ? schema.maxLength : undefined,
      };
    };

    const learn = (profile: Profile, value: string, type: ValueType, classes: number) => {
      profile.count++;
      profile.classes |= classes;
      profile.types[type]++;
      const b = lengthBucket(value.length);
      profile.lengths[b] = profile.lengths[b]! + 1;
      if (profile.values !== undefined) {
        profile.values.add(value);
        if (profile.values.size > options.enumMaxValues) profile.values = undefined;
      }
      if (profile.count >= options.minObservations && profile.count % 64 === options.minObservations % 64) {
        finalize(profile);
      }
    };

    const finalize = (profile: Profile) => {
      const t = profile.types;
      const n = profile.count;
      const tolerated = n * 0.005;
      profile.expectedType =
        n - t.integer <= tolerated
          ? 'integer'
          : n - t.integer - t.number <= tolerated
            ? 'number'
            : n - t.boolean <= tolerated
              ? 'boolean'
              : n - t.uuid <= tolerated
                ? 'uuid'
                : 'string';
      let seen = 0;
      let bucket = 0;
      for (; bucket < LENGTH_BUCKETS; bucket++) {
        seen += profile.lengths[bucket]!;
        if (seen >= n * 0.999) break;
      }
      profile.maxLength = Math.ceil(bucketUpper(bucket) * options.lengthFactor + options.lengthSlack);
      if (profile.describedMaxLength !== undefined) {
        profile.maxLength = Math.max(profile.maxLength, profile.describedMaxLength);
      }
    };

    const check = (
      endpoint: string,
      operation: Operation | undefined,
      location: 'query' | 'path' | 'body',
      name: string,
      value: string,
      violations: Violation[],
    ) => {
      if (isSecret(name)) return;
      let byLocation = profiles.get(endpoint);
      if (byLocation === undefined) {
        byLocation = [new Map(), new Map(), new Map()];
        profiles.set(endpoint, byLocation);
      }
      const byName = byLocation[LOCATIONS[location]]!;
      let profile = byName.get(name);
      if (profile === undefined) {
        // Random parameter names must not grow the model without bound.
        if (byName.size >= 64) return;
        profile = {
          count: 0,
          classes: 0,
          types: { integer: 0, number: 0, boolean: 0, uuid: 0, string: 0 },
          lengths: new Uint32Array(LENGTH_BUCKETS),
          values: new Set(),
          expectedType: 'string',
          maxLength: Number.POSITIVE_INFINITY,
          ...describe(operation, location === 'body' ? '' : location, name),
        };
        byName.set(name, profile);
      }
      const type = typeOf(value);
      const classes = classesOf(value);
      if (profile.count < options.minObservations) {
        learn(profile, value, type, classes);
        return;
      }
      // The parameter name and excerpt are built only for a violation: most checks pass and allocate nothing.
      const newDangerous = classes & DANGEROUS & ~profile.classes;
      if (newDangerous !== 0) {
        violations.push({
          parameter: `${location}.${name}`,
          value: excerptOf(value),
          reason: 'characters',
          expected: `only ${describeClasses(profile.classes)}; got ${describeClasses(newDangerous)}`,
        });
      } else if (!fits(profile.expectedType, type)) {
        violations.push({
          parameter: `${location}.${name}`,
          value: excerptOf(value),
          reason: 'type',
          expected: profile.expectedType,
        });
      } else if (value.length > profile.maxLength) {
        violations.push({
          parameter: `${location}.${name}`,
          value: excerptOf(value),
          reason: 'length',
          expected: `at most ${profile.maxLength} characters, got ${value.length}`,
        });
      } else {
        // Numbers are ranges, not enumerations: page 10 is not suspicious because pages 1-9 were seen.
        const enumerable = profile.expectedType === 'string' || profile.expectedType === 'boolean';
        const known = enumerable ? (profile.values ?? profile.describedEnum) : profile.describedEnum;
        if (known !== undefined && !known.has(value) && !(profile.describedEnum?.has(value) ?? false)) {
          violations.push({
            parameter: `${location}.${name}`,
            value: excerptOf(value),
            reason: 'enumeration',
            expected: `one of ${[...known].slice(0, 12).join(', ')}`,
          });
        } else {
          learn(profile, value, type, classes);
        }
      }
    };

    const checkBody = (
      event: ApiEvent,
      endpoint: string,
      operation: Operation | undefined,
      out: Violation[],
    ) => {
      const body = parseRequestBody(event);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
      let fields = 0;
      for (const name in body as Record<string, unknown>) {
        if (++fields > 32) break;
        const value = (body as Record<string, unknown>)[name];
        if (typeof value === 'string') check(endpoint, operation, 'body', name, value, out);
        else if (typeof value === 'number' || typeof value === 'boolean') {
          check(endpoint, operation, 'body', name, String(value), out);
        }
      }
    };

    const scratch: Violation[] = [];

    return {
      observe(event) {
        const route = routes.resolve(event);
        // One scratch list per detector, emptied per event: events without violations allocate none.
        const violations = scratch;
        violations.length = 0;
        for (const name in route.params) {
          check(route.endpoint, route.operation, 'path', name, route.params[name]!, violations);
        }
        if (event.query !== undefined) {
          for (const name in event.query) {
            const value = event.query[name];
            if (typeof value === 'string')
              check(route.endpoint, route.operation, 'query', name, value, violations);
            else if (value !== undefined) {
              for (const v of value) check(route.endpoint, route.operation, 'query', name, v, violations);
            }
          }
        }
        if (options.inspectBody && event.requestBody?.text !== undefined) {
          checkBody(event, route.endpoint, route.operation, violations);
        }
        if (violations.length === 0) return NO_SIGNALS;
        const severity: Severity = violations.some((v) => v.reason === 'characters' || v.reason === 'type')
          ? 'medium'
          : 'low';
        const first = violations[0]!;
        return [
          {
            actor: resolveEventActor(event),
            target: route.endpoint,
            severity,
            summary: `${route.endpoint}: ${first.parameter} outside the learned model (${first.reason}: expected ${first.expected})${violations.length > 1 ? `, and ${violations.length - 1} more` : ''}`,
            eventIds: [event.id],
            details: { violations: violations.slice(0, 5) },
          },
        ];
      },
    };
  },
});

function excerptOf(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

function describeClasses(mask: number): string {
  const names = CLASS_NAMES.filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name);
  return names.length === 0 ? 'nothing' : names.join('/');
}
