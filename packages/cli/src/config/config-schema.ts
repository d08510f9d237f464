import { SEVERITIES } from '@rampart/core';
import { GATEWAY_CONFIG_SCHEMA, listenOn } from './gateway-config-schema.js';

/**
 * Annotation keywords of Rampart's own, registered with Ajv and ignored by other JSON Schema tools:
 * - `x-rampart-secret: true` — the value is wrapped in `Secret` after validation and never printed.
 * - `x-rampart-expected` — what a valid value looks like, in words, for error messages ("an absolute http(s) URL").
 */
export const CONFIG_SCHEMA_KEYWORDS = ['x-rampart-secret', 'x-rampart-expected'] as const;

const RULE_ID = {
  type: 'string',
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  'x-rampart-expected': 'a kebab-case id such as "write-operation-without-security"',
} as const;

const HTTP_URL = {
  type: 'string',
  pattern: '^https?://[^\\s/?#]+',
  'x-rampart-expected': 'an absolute http(s) URL such as "https://api.example.com"',
} as const;

const FILE_PATH = { type: 'string', minLength: 1 } as const;

/**
 * The JSON Schema (draft 2020-12) of `rampart.yaml`. It is the single source of truth for validation, defaults,
 * the environment variables (`RAMPART_<SECTION>_<KEY>`), `docs/schema/rampart.schema.json` and
 * `docs/configuration.md`; every property has a `description`. Objects are closed (`additionalProperties: false`)
 * so that typos are errors; engine sections hold only what the engines read today and grow with them.
 */
export const CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Rampart configuration (rampart.yaml)',
  description:
    'Configuration of every Rampart engine. Every key is optional; omitted keys take their defaults. Environment variables RAMPART_<SECTION>_<KEY> override the file, and command-line flags override both.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: {
      type: 'string',
      description:
        'The JSON Schema this file follows (for editor completion), e.g. the path of docs/schema/rampart.schema.json. Ignored by Rampart.',
    },
    audit: {
      type: 'object',
      description: 'Static audit of OpenAPI descriptions (`rampart audit`).',
      additionalProperties: false,
      default: {},
      properties: {
        rules: {
          type: 'object',
          description: 'Which audit rules run, and at what severity.',
          additionalProperties: false,
          default: {},
          properties: {
            enable: {
              type: 'array',
              items: RULE_ID,
              uniqueItems: true,
              default: [],
              description: 'Rule ids to run. Empty means every rule.',
            },
            disable: {
              type: 'array',
              items: RULE_ID,
              uniqueItems: true,
              default: [],
              description: 'Rule ids never to run; wins over `enable`.',
            },
            severity: {
              type: 'object',
              description:
                'Severity overrides by rule id, e.g. `{ write-operation-without-security: critical }`.',
              propertyNames: RULE_ID,
              additionalProperties: { type: 'string', enum: SEVERITIES },
              default: {},
            },
          },
        },
        failOn: {
          type: 'string',
          enum: [...SEVERITIES, 'none'],
          default: 'high',
          description:
            'Exit with code 1 when a finding at or above this severity is reported; `none` never fails because of findings.',
        },
        minScore: {
          type: 'integer',
          minimum: 0,
          maximum: 100,
          description:
            'Exit with code 1 when the posture score (0-100) is below this. Unset: the score never fails a run.',
        },
        baseline: {
          ...FILE_PATH,
          description:
            'A JSON file of accepted findings (by fingerprint), relative to the working directory; findings in it are not reported.',
        },
        formats: {
          type: 'array',
          items: { type: 'string', enum: ['text', 'json', 'sarif', 'junit', 'html'] },
          minItems: 1,
          uniqueItems: true,
          default: ['text'],
          description: 'Report formats to produce.',
        },
        output: {
          ...FILE_PATH,
          description:
            'Directory to write reports to, one file per format. Unset: the first format is printed to standard output.',
        },
      },
    },
    scan: {
      type: 'object',
      description: 'Active scan of running APIs (`rampart scan`).',
      additionalProperties: false,
      default: {},
      properties: {
        targets: {
          type: 'array',
          items: HTTP_URL,
          uniqueItems: true,
          default: [],
          description: 'Base URLs of the running APIs to test. Only these origins are ever contacted.',
        },
        identities: {
          ...FILE_PATH,
          description:
            'A YAML file of identities (users, tokens, login flows) used to test authorization. Credentials stay in that file, not here.',
        },
        rate: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 10,
          description: 'Maximum requests per second to each target.',
        },
        budget: {
          type: 'integer',
          minimum: 1,
          default: 10000,
          description:
            'Maximum requests to each target in one scan; the scan stops cleanly when it is spent.',
        },
        readOnly: {
          type: 'boolean',
          default: true,
          description:
            'Send only GET, HEAD and OPTIONS requests. Set to false to test write operations, and only against a non-production target.',
        },
      },
    },
    gateway: GATEWAY_CONFIG_SCHEMA,
    monitor: {
      type: 'object',
      description: 'Detectors that analyse API events and raise alerts.',
      additionalProperties: false,
      default: {},
      properties: {
        detectors: {
          type: 'object',
          description: 'Which detectors run.',
          additionalProperties: false,
          default: {},
          properties: {
            disable: {
              type: 'array',
              items: RULE_ID,
              uniqueItems: true,
              default: [],
              description: 'Detector ids never to run.',
            },
          },
        },
      },
    },
    store: {
      type: 'object',
      description: 'Where findings, events and alerts are kept.',
      additionalProperties: false,
      default: {},
      properties: {
        driver: {
          type: 'string',
          enum: ['sqlite', 'postgres'],
          default: 'sqlite',
          description: 'The database: embedded SQLite (one machine) or PostgreSQL (several machines).',
        },
        sqlite: {
          type: 'object',
          description: 'Embedded SQLite store.',
          additionalProperties: false,
          default: {},
          properties: {
            path: {
              ...FILE_PATH,
              default: '.rampart/rampart.db',
              description:
                'Database file, relative to the working directory; its folder is created if missing.',
            },
          },
        },
        postgres: {
          type: 'object',
          description: 'PostgreSQL store, used when `driver` is `postgres`.',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: {
              type: 'string',
              pattern: '^postgres(ql)?://',
              'x-rampart-expected': 'a postgres:// or postgresql:// connection URL',
              'x-rampart-secret': true,
              description:
                'Connection URL, e.g. postgres://rampart:PASSWORD@db.internal:5432/rampart. Secret: never printed; prefer the environment variable.',
            },
          },
        },
      },
      if: { properties: { driver: { const: 'postgres' } }, required: ['driver'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword; this object is never awaited.
      then: {
        required: ['postgres'],
        'x-rampart-expected':
          'when driver is "postgres" (set store.postgres.url, or RAMPART_STORE_POSTGRES_URL)',
      },
    },
    console: {
      type: 'object',
      description: 'The web console (posture, findings, inventory, alerts).',
      additionalProperties: false,
      default: {},
      properties: {
        listen: listenOn('the console', 8090),
        sessionSecret: {
          type: 'string',
          minLength: 32,
          'x-rampart-secret': true,
          'x-rampart-expected': 'a random string of at least 32 characters',
          description:
            'Key that signs console session cookies (at least 32 random characters). Secret: never printed. Unset: a new key at each start, which signs everyone out on restart.',
        },
      },
    },
  },
} as const;
