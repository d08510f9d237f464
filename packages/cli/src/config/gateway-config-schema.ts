/**
 * The JSON Schema of the `gateway` section of `rampart.yaml` (`rampart gateway`, `rampart up`). It mirrors
 * `GatewayOptions` of `@rampart/gateway` and the configuration of each built-in policy, key for key, except where
 * a file holds what the gateway takes as an object (`routing.spec`, `tls.cert`/`tls.key`) and where a secret may
 * come from the environment (`jwt.issuers[].secretFromEnv`). `buildGatewayOptions` maps it onto `GatewayOptions`;
 * the gateway then checks what a schema cannot (operation ids, CIDR ranges, JWK sets), and its problems are
 * reported under the same `gateway.…` paths with their line in the file.
 */

const FILE = { type: 'string', minLength: 1 } as const;

const HTTP_URL = {
  type: 'string',
  pattern: '^https?://[^\\s/?#]+',
  'x-rampart-expected': 'an absolute http(s) URL such as "https://api.example.com"',
} as const;

const OPERATION_REFS = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'string',
    minLength: 1,
    'x-rampart-expected': 'an operationId or "METHOD /path" of the API description',
  },
} as const;

const FAIL_MODE = { type: 'string', enum: ['closed', 'open'] } as const;

function strings(description: string) {
  return { type: 'array', items: { type: 'string', minLength: 1 }, description } as const;
}

function milliseconds(description: string, defaultValue: number, minimum = 1) {
  return { type: 'integer', minimum, default: defaultValue, description } as const;
}

/** The schema of a `listen: { host, port }` section, loopback by default. */
export function listenOn(what: string, port: number) {
  return {
    type: 'object',
    description: `Where ${what} listens.`,
    additionalProperties: false,
    default: {},
    properties: {
      host: {
        type: 'string',
        minLength: 1,
        default: '127.0.0.1',
        description: `Address ${what} binds to. The default accepts local connections only; use "0.0.0.0" (or "::") to accept connections from other machines.`,
      },
      port: {
        type: 'integer',
        minimum: 0,
        maximum: 65535,
        default: port,
        description: `TCP port ${what} listens on; 0 picks a free port.`,
      },
    },
  } as const;
}

const JWK = {
  type: 'object',
  additionalProperties: false,
  required: ['kty'],
  description:
    'A JSON Web Key (RFC 7517): a public key (RSA, EC, OKP) for RS*/PS*/ES*/EdDSA, or an "oct" secret for HS*.',
  properties: {
    kty: { type: 'string', enum: ['RSA', 'EC', 'OKP', 'oct'], description: 'Key type.' },
    kid: { type: 'string', minLength: 1, description: 'Key id, matched against the token header `kid`.' },
    alg: { type: 'string', minLength: 1, description: 'The one algorithm this key is for.' },
    use: { type: 'string', enum: ['sig'], description: 'Public key use; only `sig` makes sense here.' },
    n: { type: 'string', description: 'RSA modulus (base64url).' },
    e: { type: 'string', description: 'RSA exponent (base64url).' },
    crv: { type: 'string', description: 'Curve of an EC or OKP key (P-256, P-384, P-521, Ed25519).' },
    x: { type: 'string', description: 'EC or OKP public x coordinate (base64url).' },
    y: { type: 'string', description: 'EC public y coordinate (base64url).' },
    k: {
      type: 'string',
      minLength: 1,
      'x-rampart-secret': true,
      description:
        'The HMAC secret of an "oct" key, base64url. Secret: never printed; prefer `secretFromEnv` on the issuer.',
    },
  },
} as const;

const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
  'HS256',
  'HS384',
  'HS512',
] as const;

const JWT_POLICY = {
  type: 'object',
  additionalProperties: false,
  required: ['issuers'],
  description:
    "JWT bearer authentication (RFC 7519, RFC 8725), per operation from the description's security requirements: algorithm allowlist, keys from a JWKS URL or static keys, `exp` required, `nbf`/`iss`/`aud` checked.",
  properties: {
    issuers: {
      type: 'array',
      minItems: 1,
      description: 'The token issuers this API trusts.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['issuer', 'audience', 'algorithms'],
        properties: {
          issuer: {
            type: 'string',
            minLength: 1,
            description: 'The exact `iss` value, e.g. https://idp.example.com/.',
          },
          audience: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', minLength: 1 },
            description: 'Accepted `aud` values; a token must name at least one.',
          },
          algorithms: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', enum: JWT_ALGORITHMS },
            description:
              'Allowed `alg` values. `none` is never allowed; HMAC (HS*) and public-key algorithms cannot be mixed for one issuer.',
          },
          jwksUri: {
            ...HTTP_URL,
            description:
              'Where the issuer publishes its public keys (https; http only on loopback). Cached, refetched on an unknown `kid`.',
          },
          keys: {
            type: 'array',
            minItems: 1,
            items: JWK,
            description: 'Static keys instead of (or before) the JWKS URL.',
          },
          secretFromEnv: {
            type: 'string',
            pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
            'x-rampart-expected': 'an environment variable name such as "API_JWT_SECRET"',
            description:
              'For HS* issuers: the environment variable holding the shared secret (its UTF-8 bytes, as most libraries sign). Becomes an "oct" key, so the secret stays out of the file. Real deployments use public-key algorithms with `jwksUri`.',
          },
          schemes: strings(
            'Security schemes of the description these tokens satisfy. Default: every http bearer, oauth2 and openIdConnect scheme.',
          ),
          requiredClaims: strings(
            'Claims that must be present besides `exp` (always required), e.g. [sub, jti].',
          ),
          rolesClaim: {
            type: 'string',
            minLength: 1,
            default: 'roles',
            description: 'Claim with the roles (dotted for nesting).',
          },
          tenantClaim: {
            type: 'string',
            minLength: 1,
            default: 'tenant',
            description: 'Claim with the tenant (dotted for nesting).',
          },
          typ: {
            type: 'string',
            minLength: 1,
            description: 'Required JWT `typ` header, e.g. at+jwt (RFC 9068).',
          },
          maxTokenAgeSeconds: {
            type: 'integer',
            minimum: 1,
            description: 'Oldest accepted `iat`, in seconds.',
          },
          jwks: {
            type: 'object',
            additionalProperties: false,
            description: 'JWKS cache tuning.',
            properties: {
              maxAgeMs: milliseconds('How long fetched keys are used before a refetch.', 600000, 0),
              cooldownMs: milliseconds('Least time between two fetches (unknown `kid` storms).', 30000, 0),
              staleMaxAgeMs: milliseconds(
                'How long keys are still used while the JWKS endpoint is down; then requests fail closed.',
                3600000,
                0,
              ),
              timeoutMs: milliseconds('Timeout of one JWKS fetch.', 5000),
            },
          },
        },
      },
    },
    clockToleranceSeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 600,
      default: 30,
      description: 'Leeway for `exp`, `nbf` and `iat`, in seconds.',
    },
    failMode: {
      ...FAIL_MODE,
      default: 'closed',
      description:
        'When keys cannot be obtained: `closed` answers 503; `open` lets the request go on unauthenticated.',
    },
    tokenCache: {
      type: 'object',
      additionalProperties: false,
      description: 'Verified-token cache (entries live until the token expires).',
      properties: {
        maxEntries: { type: 'integer', minimum: 0, default: 10000, description: 'Most tokens cached.' },
        maxTtlSeconds: {
          type: 'integer',
          minimum: 1,
          maximum: 86400,
          default: 300,
          description: 'Longest time a verified token is trusted without verifying again.',
        },
      },
    },
    realm: { type: 'string', minLength: 1, default: 'api', description: '`realm` of `WWW-Authenticate`.' },
  },
} as const;

const INTROSPECTION_POLICY = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'clientId', 'clientSecret'],
  description: 'OAuth 2.0 token introspection (RFC 7662) for opaque bearer tokens, cached until expiry.',
  properties: {
    endpoint: {
      ...HTTP_URL,
      description: "The authorization server's introspection endpoint (https; http only on loopback).",
    },
    clientId: {
      type: 'string',
      minLength: 1,
      description: "The gateway's client id at the authorization server.",
    },
    clientSecret: {
      type: 'string',
      minLength: 1,
      'x-rampart-secret': true,
      description:
        "The gateway's client secret. Secret: never printed; prefer RAMPART_GATEWAY_POLICIES_INTROSPECTION_CLIENT_SECRET.",
    },
    clientAuth: {
      type: 'string',
      enum: ['client_secret_basic', 'client_secret_post'],
      default: 'client_secret_basic',
      description: 'How the gateway authenticates to the endpoint (RFC 6749 §2.3.1).',
    },
    schemes: strings(
      'Security schemes of the description that introspected tokens satisfy. Default: every oauth2, openIdConnect and http bearer scheme.',
    ),
    issuer: { type: 'string', minLength: 1, description: "When set, the response's `iss` must equal it." },
    audience: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1 },
      description: "When set, the response's `aud` must contain one of these.",
    },
    rolesClaim: { type: 'string', minLength: 1, default: 'roles', description: 'Claim with the roles.' },
    tenantClaim: { type: 'string', minLength: 1, default: 'tenant', description: 'Claim with the tenant.' },
    cache: {
      type: 'object',
      additionalProperties: false,
      description: 'Cache of introspection results, by SHA-256 of the token.',
      properties: {
        maxEntries: { type: 'integer', minimum: 0, default: 10000, description: 'Most results cached.' },
        maxTtlSeconds: {
          type: 'integer',
          minimum: 1,
          maximum: 86400,
          default: 300,
          description: 'Longest time an active token is trusted without asking again.',
        },
        inactiveTtlSeconds: {
          type: 'integer',
          minimum: 0,
          maximum: 3600,
          default: 30,
          description: 'How long an inactive answer is remembered.',
        },
      },
    },
    timeoutMs: milliseconds('Timeout of one introspection call.', 3000),
    failMode: {
      ...FAIL_MODE,
      default: 'closed',
      description:
        'When the endpoint is down: `closed` answers 503; `open` lets the request go on unauthenticated.',
    },
    realm: { type: 'string', minLength: 1, default: 'api', description: '`realm` of `WWW-Authenticate`.' },
  },
} as const;

const API_KEY_POLICY = {
  type: 'object',
  additionalProperties: false,
  required: ['keys'],
  description:
    'API key authentication: keys are configured as SHA-256 hashes and compared in constant time; the key itself is never configured.',
  properties: {
    scheme: {
      type: 'string',
      minLength: 1,
      description:
        'The apiKey security scheme of the description this policy implements (where the key travels, and on which operations it is required).',
    },
    in: {
      type: 'string',
      enum: ['header', 'query'],
      default: 'header',
      description:
        'Where the key travels when no scheme is given. `query` puts keys in URLs and logs: avoid it.',
    },
    name: {
      type: 'string',
      minLength: 1,
      default: 'x-api-key',
      description: 'Header or query parameter name when no scheme is given.',
    },
    keys: {
      type: 'array',
      minItems: 1,
      description: 'The accepted keys.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'sha256'],
        properties: {
          id: {
            type: 'string',
            minLength: 1,
            description: "The key's owner; becomes the identity's subject.",
          },
          sha256: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
            'x-rampart-secret': true,
            'x-rampart-expected': 'the lower-case hex SHA-256 of the key (printf %s "$KEY" | sha256sum)',
            description: 'Lower-case hex SHA-256 of the key. Secret: never printed.',
          },
          roles: strings('Roles of the key owner.'),
          scopes: strings('Scopes granted to the key.'),
          tenant: { type: 'string', minLength: 1, description: 'Tenant of the key owner.' },
        },
      },
    },
  },
} as const;

const AUTHORIZE_POLICY = {
  type: 'object',
  additionalProperties: false,
  description:
    'Function-, object- and property-level authorization (OWASP API1, API3, API5). Runs on its own (security requirements only) whenever an authentication policy is configured.',
  properties: {
    securityRequirements: {
      type: 'boolean',
      default: true,
      description:
        "Enforce the description's security requirements: some alternative satisfied, with its scopes.",
    },
    roles: {
      type: 'object',
      description: 'Roles per operation (operationId or "METHOD /path"): the caller needs one of them.',
      additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
    },
    objects: {
      type: 'array',
      description: 'Object-level rules (BOLA): who may act on the object an operation names.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['operation', 'object', 'owner'],
        properties: {
          operation: { ...OPERATION_REFS, description: 'The operations the rule applies to.' },
          object: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'name'],
            description: "Where the object's id is.",
            properties: {
              from: {
                type: 'string',
                enum: ['path', 'query', 'body'],
                description: 'Which part of the request.',
              },
              name: {
                type: 'string',
                minLength: 1,
                description: 'Parameter name; for `body` a JSON pointer (/accountId) or top-level property.',
              },
              type: {
                type: 'string',
                minLength: 1,
                description: 'Object type in relation tuples (account in account:123). Default: the name.',
              },
            },
          },
          owner: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            maxProperties: 1,
            'x-rampart-expected': 'exactly one of claim, relation or lookup',
            description: 'Who may act on the object: exactly one of `claim`, `relation`, `lookup`.',
            properties: {
              claim: {
                type: 'string',
                enum: ['sub', 'tenant'],
                description: "The id must equal the caller's subject or tenant.",
              },
              relation: {
                type: 'string',
                minLength: 1,
                description: '`<type>:<id> <relation> user:<sub>` must hold in `relations`.',
              },
              lookup: {
                type: 'object',
                additionalProperties: false,
                required: ['url', 'pointer'],
                description: 'Ask a service who owns the object (cached).',
                properties: {
                  url: {
                    ...HTTP_URL,
                    description:
                      'URL template of the owner lookup; `{value}` is replaced by the object id (percent-encoded).',
                  },
                  pointer: { type: 'string', description: 'JSON pointer to the owner in the answer.' },
                  claim: {
                    type: 'string',
                    enum: ['sub', 'tenant'],
                    default: 'sub',
                    description: 'The caller claim the owner must equal.',
                  },
                  headers: {
                    type: 'object',
                    description: 'Headers sent to the lookup service.',
                    additionalProperties: { type: 'string' },
                  },
                  ttlSeconds: { type: 'integer', minimum: 0, description: 'How long an answer is cached.' },
                  timeoutMs: { type: 'integer', minimum: 1, description: 'Timeout of one lookup.' },
                },
              },
            },
          },
          bypassRoles: strings('Roles that may act on any object (e.g. support).'),
        },
      },
    },
    objectDenialStatus: {
      type: 'integer',
      enum: [403, 404],
      default: 403,
      description: 'Status of object-level refusals: 404 does not confirm the object exists.',
    },
    relations: {
      type: 'object',
      additionalProperties: false,
      description: 'Relationship tuples for `owner.relation` rules (Zanzibar-style).',
      properties: {
        tuples: strings('Tuples "type:id relation type:id", e.g. "account:1002 owner user:2".'),
        file: { ...FILE, description: 'A file of tuples, one per line; reloaded when it changes.' },
        rules: {
          type: 'object',
          description:
            'Relation rewrites per object type, e.g. { account: { viewer: [owner, parent->member] } }.',
          additionalProperties: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
          },
        },
        subjectType: {
          type: 'string',
          minLength: 1,
          default: 'user',
          description: 'Type of callers in tuples.',
        },
        maxDepth: {
          type: 'integer',
          minimum: 1,
          maximum: 64,
          default: 8,
          description: 'Longest chain of relations walked.',
        },
        watchIntervalMs: {
          type: 'integer',
          minimum: 0,
          description: 'How often `file` is checked for changes.',
        },
      },
    },
    properties: {
      type: 'object',
      additionalProperties: false,
      description: 'Property-level authorization (OWASP API3): mass assignment and response filtering.',
      properties: {
        visibleTo: {
          type: 'array',
          description: 'Properties only some roles see in responses.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['property', 'roles'],
            properties: {
              property: { type: 'string', minLength: 1, description: 'Property name (any depth).' },
              roles: { ...strings('Roles that see it.'), minItems: 1 },
            },
          },
        },
        undeclared: {
          type: 'string',
          enum: ['strip', 'keep'],
          default: 'strip',
          description: 'Response properties the schema does not declare.',
        },
        oversize: {
          type: 'string',
          enum: ['block', 'pass'],
          default: 'block',
          description: 'JSON responses too large or compressed to filter: 502, or passed unfiltered.',
        },
        privileged: strings(
          'Property names only `privilegedRoles` may send (default: role, isAdmin, balance, ownerId…).',
        ),
        privilegedRoles: strings('Roles that may send privileged properties.'),
        readOnly: {
          type: 'string',
          enum: ['reject', 'ignore'],
          default: 'reject',
          description: 'Request bodies with readOnly properties: 400, or let through.',
        },
      },
    },
  },
} as const;

const COUNTER_ALGORITHM = {
  type: 'string',
  enum: ['fixed-window', 'sliding-window', 'token-bucket'],
} as const;

const RATE_LIMIT_POLICY = {
  type: 'object',
  additionalProperties: false,
  description:
    'Rate limits per identity, API key, client address and operation, and business-flow quotas (OWASP API4, API6). 429 with Retry-After.',
  properties: {
    limits: {
      type: 'array',
      description: 'Rate limits; every limit that applies to a request must admit it.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'by', 'limit', 'windowSeconds'],
        properties: {
          name: {
            type: 'string',
            pattern: '^[A-Za-z0-9_.-]+$',
            description: 'Name in the RateLimit headers.',
          },
          by: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', enum: ['identity', 'api-key', 'ip', 'operation'] },
            description:
              'What is counted per: identity (the subject; the client address when anonymous), api-key, ip, operation.',
          },
          limit: { type: 'integer', minimum: 0, description: 'Requests allowed per window.' },
          windowSeconds: { type: 'integer', minimum: 1, description: 'Window length.' },
          algorithm: {
            ...COUNTER_ALGORITHM,
            default: 'sliding-window',
            description: 'How requests are counted.',
          },
          operations: { ...OPERATION_REFS, description: 'Only these operations. Default: all.' },
          cost: { type: 'integer', minimum: 1, default: 1, description: 'Units one request costs.' },
        },
      },
    },
    quotas: {
      type: 'array',
      description: 'Business-flow quotas: at most `limit` calls of `operations` per identity per period.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'operations', 'limit', 'periodSeconds'],
        properties: {
          name: {
            type: 'string',
            pattern: '^[A-Za-z0-9_.-]+$',
            description: 'Name in the RateLimit headers.',
          },
          operations: { ...OPERATION_REFS, description: 'The operations of the flow.' },
          limit: { type: 'integer', minimum: 0, description: 'Calls allowed per period.' },
          periodSeconds: {
            type: 'integer',
            minimum: 1,
            description: 'Period length (e.g. 86400 for a day).',
          },
          algorithm: { ...COUNTER_ALGORITHM, default: 'fixed-window', description: 'How calls are counted.' },
        },
      },
    },
    headers: {
      type: 'boolean',
      default: true,
      description: 'Send RateLimit and RateLimit-Policy headers on every response.',
    },
    failMode: {
      ...FAIL_MODE,
      default: 'open',
      description: 'When the counter store fails: `open` lets requests through, `closed` answers 503.',
    },
  },
} as const;

const REQUEST_VALIDATION_POLICY = {
  type: 'object',
  additionalProperties: false,
  description: 'Validates requests (400) and responses (logged or 502) against the API description.',
  properties: {
    request: { type: 'boolean', default: true, description: 'Validate parameters and JSON bodies.' },
    response: {
      type: 'string',
      enum: ['off', 'log', 'block'],
      default: 'log',
      description: 'Responses that do not match: logged, replaced by 502, or not checked.',
    },
    formats: { type: 'boolean', default: true, description: 'Check `format` keywords.' },
    maxIssues: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'Most issues listed in a 400 problem.',
    },
  },
} as const;

const SSRF_GUARD_POLICY = {
  type: 'object',
  additionalProperties: false,
  description:
    'Refuses URL parameters and body properties that point at loopback, private, link-local or metadata addresses (OWASP API7).',
  properties: {
    parameters: strings('More parameter and property names whose values are URLs.'),
    detectByName: {
      type: 'boolean',
      default: true,
      description: 'Treat names like url, callbackUrl, webhook, redirect_uri as URLs.',
    },
    allowHosts: strings(
      'Hosts URLs may name (*.example.com for subdomains); when given, others are refused.',
    ),
    allowSchemes: { ...strings('URL schemes allowed.'), default: ['http', 'https'] },
    allowAddresses: strings('Internal ranges (CIDR) that are nevertheless allowed.'),
    dnsTimeoutMs: milliseconds('Timeout of one DNS resolution.', 2000),
    dnsCacheSeconds: {
      type: 'integer',
      minimum: 0,
      default: 30,
      description: 'How long DNS answers are reused.',
    },
  },
} as const;

const IP_FILTER_POLICY = {
  type: 'object',
  additionalProperties: false,
  description: 'Refuses clients by address: allow and deny lists (CIDR) and a Tor exit node list file.',
  properties: {
    allow: strings('When given, only clients in these ranges may call.'),
    deny: strings('Clients in these ranges are refused.'),
    torExitNodes: {
      type: 'object',
      additionalProperties: false,
      required: ['file'],
      description: 'Refuse Tor exit nodes listed in a file (one address per line), reloaded when it changes.',
      properties: {
        file: { ...FILE, description: 'The list file.' },
        watchIntervalMs: milliseconds('How often the file is checked.', 60000, 0),
      },
    },
  },
} as const;

const BLOCKLIST_POLICY = {
  type: 'object',
  additionalProperties: false,
  description:
    'Refuses actors the monitor put on the blocklist. `rampart up` always runs it with the in-process blocklist.',
  properties: {
    actors: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['ip', 'principal', 'credential', 'api-key'] },
      description: 'Which actors of a request are looked up. Default: all.',
    },
    failMode: {
      ...FAIL_MODE,
      default: 'open',
      description: 'When the blocklist cannot be read: `open` lets requests through, `closed` answers 503.',
    },
  },
} as const;

const INJECTION_POLICY = {
  type: 'object',
  additionalProperties: false,
  description:
    'Inspects the request target, headers, cookies and body for SQL, NoSQL, command, template, JNDI and other injections.',
  properties: {
    mode: {
      type: 'string',
      enum: ['block', 'observe'],
      default: 'block',
      description: '`block` refuses with 403; `observe` only marks the event.',
    },
    paranoia: {
      type: 'integer',
      enum: [1, 2, 3],
      default: 1,
      description: '1: few false positives; 3: most sensitive.',
    },
    classes: strings('Injection classes looked for (sqli, nosqli, xss, command, ...). Default: all.'),
    headers: { type: 'boolean', default: true, description: 'Inspect headers and cookies.' },
    body: { type: 'boolean', default: true, description: 'Inspect JSON, form, text and XML bodies.' },
  },
} as const;

const UPSTREAM_TLS = {
  type: 'object',
  additionalProperties: false,
  description:
    'TLS towards this upstream (https:// URLs only): a private CA, a client certificate for mutual TLS, the server name. The files are read at start and again at every reload; a change to one of them triggers a reload like a change to this file.',
  properties: {
    caFile: {
      ...FILE,
      description:
        "PEM bundle of the CAs that issue the upstream's certificate (a private PKI). Replaces the default CAs for this upstream. Unset: the system's default CAs.",
    },
    certFile: {
      ...FILE,
      description:
        'PEM client certificate (chain) the gateway presents to an upstream that requires mutual TLS. Needs keyFile.',
    },
    keyFile: { ...FILE, description: 'PEM private key of certFile.' },
    passphrase: {
      type: 'string',
      minLength: 1,
      'x-rampart-secret': true,
      description: 'Passphrase of an encrypted keyFile. Secret: never printed; prefer passphraseFromEnv.',
    },
    passphraseFromEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      'x-rampart-expected': 'an environment variable name such as "UPSTREAM_KEY_PASSPHRASE"',
      description:
        'The environment variable holding the passphrase of keyFile, so that it stays out of the file.',
    },
    serverName: {
      type: 'string',
      minLength: 1,
      'x-rampart-expected': 'a DNS name such as "orders.internal"',
      description:
        "Name sent as SNI and checked against the upstream's certificate instead of the URL's host: for upstreams addressed by IP or by a name their certificate does not carry. The Host header is unchanged.",
    },
    minVersion: {
      type: 'string',
      enum: ['TLSv1.2', 'TLSv1.3'],
      default: 'TLSv1.2',
      description: 'Oldest TLS version the gateway speaks to this upstream; older ones cannot be enabled.',
    },
    rejectUnauthorized: {
      type: 'boolean',
      default: true,
      description:
        "Verify the upstream's certificate chain and name. `false` accepts any certificate, so anyone on the path can read and change the traffic: local experiments only (the config audit reports it as high).",
    },
  },
} as const;

/** `gateway` in `rampart.yaml`. */
export const GATEWAY_CONFIG_SCHEMA = {
  type: 'object',
  description:
    'The security gateway (reverse proxy) in front of your APIs (`rampart gateway`, `rampart up`). Relative file paths in this section are resolved against the directory of the configuration file.',
  additionalProperties: false,
  default: {},
  properties: {
    listen: listenOn('the gateway', 8080),
    workers: {
      type: 'integer',
      minimum: 1,
      maximum: 256,
      default: 1,
      description:
        'Gateway processes (node:cluster workers) sharing the listener. Each worker keeps its own rate-limit counters and blocklist.',
    },
    upstreams: {
      type: 'array',
      default: [],
      description:
        'The APIs the gateway forwards to (weighted round-robin); at least one to run the gateway.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            description: 'A short name for start-up messages; defaults to the URL host.',
          },
          url: {
            ...HTTP_URL,
            description: 'Base URL of the upstream API; a path is prefixed to every forwarded path.',
          },
          weight: { type: 'integer', minimum: 1, default: 1, description: 'Turns in a round-robin cycle.' },
          tls: UPSTREAM_TLS,
        },
      },
    },
    proxy: {
      type: 'object',
      additionalProperties: false,
      description: 'Connections to the upstreams.',
      properties: {
        connectTimeoutMs: milliseconds('Connect timeout towards an upstream.', 5000),
        headersTimeoutMs: milliseconds("Time to wait for the upstream's response headers (else 504).", 30000),
        bodyTimeoutMs: milliseconds("Longest silence while streaming the upstream's response body.", 30000),
        keepAliveTimeoutMs: milliseconds('Idle keep-alive time of upstream connections.', 4000),
        connections: {
          type: 'integer',
          minimum: 1,
          default: 256,
          description: 'Most connections per upstream.',
        },
        retries: {
          type: 'integer',
          minimum: 0,
          default: 1,
          description:
            'Extra attempts on another upstream for idempotent requests refused before any response byte.',
        },
        preserveHost: {
          type: 'boolean',
          default: false,
          description: "Forward the client's Host instead of the upstream's.",
        },
        websockets: {
          type: 'boolean',
          default: true,
          description:
            'Proxy WebSocket handshakes (GET with Upgrade: websocket) on a dedicated upstream connection, after every policy ran on the handshake; frames are not inspected. false: handshakes get 403.',
        },
        websocketIdleTimeoutMs: milliseconds(
          'A WebSocket tunnel with no traffic either way for this long is closed; 0: never (the config audit reports it).',
          60000,
          0,
        ),
        healthCheck: {
          type: 'object',
          additionalProperties: false,
          description: 'Health of the upstreams (passive checks always run).',
          properties: {
            path: {
              type: 'string',
              pattern: '^/',
              description: 'Path probed with GET; unset: no active probes.',
            },
            intervalMs: milliseconds('Interval between probes.', 5000),
            timeoutMs: milliseconds('Timeout of one probe.', 2000),
            unhealthyAfter: {
              type: 'integer',
              minimum: 1,
              default: 3,
              description: 'Failures that mark it down.',
            },
            healthyAfter: {
              type: 'integer',
              minimum: 1,
              default: 2,
              description: 'Successes that mark it up.',
            },
            cooldownMs: milliseconds(
              'Without probes: how long a failed upstream stays out of rotation.',
              10000,
            ),
          },
        },
      },
    },
    tls: {
      type: 'object',
      description:
        'Serve HTTPS with this certificate and key (TLS 1.2+ only). Unset: the gateway serves plain HTTP.',
      additionalProperties: false,
      required: ['cert', 'key'],
      properties: {
        cert: { ...FILE, description: 'PEM file with the certificate chain; reloaded when it changes.' },
        key: { ...FILE, description: 'PEM file with the private key; reloaded when it changes.' },
        minVersion: {
          type: 'string',
          enum: ['TLSv1.2', 'TLSv1.3'],
          default: 'TLSv1.2',
          description: 'Oldest TLS version accepted; older ones cannot be enabled.',
        },
        ciphers: {
          type: 'string',
          minLength: 1,
          description:
            'OpenSSL cipher list for TLS 1.2. Default: ECDHE with AES-GCM or ChaCha20-Poly1305 only.',
        },
        hsts: {
          type: 'object',
          additionalProperties: false,
          description: 'Strict-Transport-Security on every response.',
          properties: {
            enabled: { type: 'boolean', default: true, description: 'Send the header.' },
            maxAgeSeconds: { type: 'integer', minimum: 0, default: 31536000, description: 'max-age.' },
            includeSubDomains: { type: 'boolean', default: true, description: 'includeSubDomains.' },
            preload: { type: 'boolean', default: false, description: 'preload.' },
          },
        },
        watchIntervalMs: milliseconds(
          'How often the certificate files are checked; 0 turns it off.',
          5000,
          0,
        ),
        clientCertificate: {
          type: 'object',
          additionalProperties: false,
          required: ['caFile'],
          description: 'Mutual TLS: client certificates issued by this CA bound to the identity (RFC 8705).',
          properties: {
            caFile: { ...FILE, description: 'PEM bundle of the CAs that issue client certificates.' },
            mode: {
              type: 'string',
              enum: ['required', 'optional'],
              default: 'required',
              description:
                '`required`: no handshake without a valid certificate; `optional`: requests go on.',
            },
            allow: {
              type: 'object',
              additionalProperties: false,
              description:
                'Which verified certificates are accepted. Unset: every certificate the CA issued.',
              properties: {
                subjects: strings('Accepted subject common names.'),
                subjectAltNames: strings(
                  'Accepted SANs, e.g. DNS:client.example, URI:spiffe://example/ns/a.',
                ),
              },
            },
          },
        },
      },
    },
    trustedProxies: {
      type: 'array',
      default: [],
      items: { type: 'string', minLength: 1, 'x-rampart-expected': 'a CIDR range or an IP address' },
      description:
        'Peers (CIDR ranges or addresses) whose Forwarded / X-Forwarded-* headers are believed; from others these headers are removed.',
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      description: 'Request size and time limits.',
      properties: {
        maxHeaderBytes: {
          type: 'integer',
          minimum: 1024,
          default: 16384,
          description: 'Request line and headers (431 beyond).',
        },
        maxUrlLength: {
          type: 'integer',
          minimum: 64,
          default: 8192,
          description: 'Request target length (414 beyond).',
        },
        maxBodyBytes: {
          type: 'integer',
          minimum: 0,
          default: 10485760,
          description: 'Request body (413 beyond).',
        },
        maxJsonDepth: {
          type: 'integer',
          minimum: 1,
          default: 64,
          description: 'Nesting depth of JSON bodies (400 beyond).',
        },
        maxResponseBufferBytes: {
          type: 'integer',
          minimum: 0,
          default: 1048576,
          description: 'Largest JSON response a response policy buffers to inspect.',
        },
        requestTimeoutMs: milliseconds('Time for the client to send the whole request (408 beyond).', 30000),
        headersTimeoutMs: milliseconds('Time for the client to send the headers (slowloris defence).', 10000),
        keepAliveTimeoutMs: milliseconds('Idle time of a client keep-alive connection.', 5000),
        maxWebSockets: {
          type: 'integer',
          minimum: 1,
          default: 10000,
          description: 'WebSocket tunnels open at once (503 beyond).',
        },
      },
    },
    routing: {
      type: 'object',
      additionalProperties: false,
      description: 'Routing by the API description.',
      properties: {
        spec: {
          ...FILE,
          description:
            'The OpenAPI description (file or http(s) URL). Requests are routed to its operations; policies read its security, schemas and operation ids. Reloaded when the file changes. Unset: every request is forwarded as is.',
        },
        rejectUnknown: {
          type: 'boolean',
          enum: [true],
          default: true,
          description:
            'Refuse paths (404) and methods (405) the description does not declare: no shadow routes. Only `true` is supported.',
        },
        basePaths: strings(
          "Base paths the description's paths are mounted under. Default: its servers' paths.",
        ),
        caseInsensitive: {
          type: 'boolean',
          default: false,
          description: 'Lower-case paths before routing and forwarding, for case-insensitive upstreams.',
        },
      },
    },
    policies: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description:
        'Configuration of each policy, by id; a policy runs when it is configured (`{}` for its defaults).',
      properties: {
        jwt: JWT_POLICY,
        introspection: INTROSPECTION_POLICY,
        'api-key': API_KEY_POLICY,
        authorize: AUTHORIZE_POLICY,
        'rate-limit': RATE_LIMIT_POLICY,
        'request-validation': REQUEST_VALIDATION_POLICY,
        'ssrf-guard': SSRF_GUARD_POLICY,
        'ip-filter': IP_FILTER_POLICY,
        blocklist: BLOCKLIST_POLICY,
        injection: INJECTION_POLICY,
      },
    },
    admin: {
      type: 'object',
      description: 'The gateway admin endpoint: /healthz, /readyz, /metrics (Prometheus).',
      additionalProperties: false,
      default: {},
      properties: {
        enabled: { type: 'boolean', default: true, description: 'Run the admin listener.' },
        listen: listenOn('the gateway admin endpoint', 9901),
      },
    },
    shutdownTimeoutMs: milliseconds(
      'On SIGTERM/SIGINT, how long in-flight requests may finish before they are cut.',
      10000,
      0,
    ),
    reload: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Hot reload: on SIGHUP, and when the configuration or description file changes.',
      properties: {
        watch: {
          type: 'boolean',
          default: true,
          description: 'Reload when the configuration file or the description file changes.',
        },
        debounceMs: milliseconds('Quiet time after a file change before reloading.', 300, 0),
      },
    },
  },
} as const;
