import { type Finding, fingerprintFinding } from '@rampart/core';
import type { ReportInput, ReportRule } from './report-input.js';

/**
 * Realistic report inputs shared by the reporters' tests (and used to render sample reports by hand).
 * Some exchange headers and curl flags carry raw credentials on purpose: the reporters must redact them again.
 */

type Draft = Omit<Finding, 'fingerprint'>;
const finding = (draft: Draft): Finding => ({ ...draft, fingerprint: fingerprintFinding(draft) });

export const SAMPLE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-SHOULD-NOT-LEAK';
export const SAMPLE_PASSWORD = 'hunter2-SHOULD-NOT-LEAK';
export const SAMPLE_API_KEY = 'k_live_SHOULD_NOT_LEAK';

export const SAMPLE_RULES: readonly ReportRule[] = [
  {
    id: 'write-operation-without-security',
    source: 'audit',
    title: 'State-changing operation without authentication',
    severity: 'high',
    owasp: 'API2',
    cwe: 306,
    description:
      'An operation that creates, changes or deletes data declares no security requirement, so anyone who can reach the API can call it.',
    remediation:
      'Declare a security requirement on the operation (or globally) and enforce it in the gateway.',
    helpUri: 'https://docs.example.org/rules/write-operation-without-security',
  },
  {
    id: 'missing-rate-limit',
    source: 'audit',
    title: 'No rate limit declared',
    severity: 'medium',
    owasp: 'API4',
    cwe: 770,
    description: 'The operation documents no 429 response and no rate-limit policy.',
    remediation: 'Add an x-rampart-rate-limit policy and document the 429 response with RateLimit headers.',
  },
  {
    id: 'server-url-plain-http',
    source: 'audit',
    title: 'Server URL uses plain HTTP',
    severity: 'low',
    owasp: 'API8',
    cwe: 319,
    description: 'A server URL uses http:, so credentials and data travel unencrypted.',
    remediation: 'Serve the API over HTTPS only and list https: server URLs.',
  },
  {
    id: 'bola-id-swap',
    source: 'scan',
    title: 'Object read with another user’s identity',
    severity: 'critical',
    owasp: 'API1',
    cwe: 639,
    description: 'Identity B could read an object that belongs to identity A by changing the id in the path.',
    remediation:
      'Check that the caller owns (or may read) the object in every handler that takes an object id.',
  },
  {
    id: 'security-headers-missing',
    source: 'scan',
    title: 'Security headers missing',
    severity: 'low',
    owasp: 'API8',
    cwe: 693,
    description: 'Responses lack headers such as Strict-Transport-Security and X-Content-Type-Options.',
    remediation:
      'Send Strict-Transport-Security, X-Content-Type-Options: nosniff and Cache-Control: no-store.',
  },
  {
    id: 'operation-id-missing',
    source: 'audit',
    title: 'Operation without operationId',
    severity: 'info',
    owasp: 'API9',
    cwe: 1059,
    description: 'Operations without operationId are hard to track in inventories.',
    remediation: 'Give every operation a unique operationId.',
  },
];

export const AUDIT_FINDING: Finding = finding({
  ruleId: 'write-operation-without-security',
  source: 'audit',
  title: 'State-changing operation without authentication',
  message:
    'POST /pets creates data but declares no security requirement (security: [] overrides the global one).',
  severity: 'high',
  confidence: 'certain',
  owasp: 'API2',
  cwe: 306,
  location: {
    document: { file: 'openapi/petstore.yaml', line: 42, column: 7, pointer: '/paths/~1pets/post' },
    method: 'POST',
    path: '/pets',
    operationId: 'createPet',
  },
  relatedLocations: [
    {
      document: { file: 'openapi/petstore.yaml', line: 88, column: 7, pointer: '/paths/~1pets~1{id}/delete' },
      method: 'DELETE',
      path: '/pets/{id}',
    },
  ],
  evidence: {
    summary: 'The operation sets `security: []`.',
    snippet: '  post:\n    operationId: createPet\n    security: []',
  },
  remediation: 'Remove `security: []` from POST /pets or replace it with a requirement such as `bearerAuth`.',
  tags: ['authentication'],
});

export const AUDIT_FINDING_RATE: Finding = finding({
  ruleId: 'missing-rate-limit',
  source: 'audit',
  title: 'No rate limit declared',
  message: 'GET /pets returns a list without a documented limit or 429 response.',
  severity: 'medium',
  confidence: 'firm',
  owasp: 'API4',
  cwe: 770,
  location: {
    document: { file: 'openapi/petstore.yaml', line: 20, column: 5, pointer: '/paths/~1pets/get' },
    method: 'GET',
    path: '/pets',
  },
  remediation: 'Document a 429 response and configure a rate limit for GET /pets.',
});

export const AUDIT_FINDING_HTTP: Finding = finding({
  ruleId: 'server-url-plain-http',
  source: 'audit',
  title: 'Server URL uses plain HTTP',
  message: 'servers[0].url is "http://api.example.com": requests would travel unencrypted.',
  severity: 'low',
  confidence: 'certain',
  owasp: 'API8',
  cwe: 319,
  location: { document: { file: 'openapi/petstore.yaml', line: 8, column: 10, pointer: '/servers/0/url' } },
  evidence: { summary: 'Plain-HTTP server URL.', snippet: 'servers:\n  - url: http://api.example.com' },
  remediation: 'Change the server URL to https://api.example.com.',
});

export const SCAN_FINDING: Finding = finding({
  ruleId: 'bola-id-swap',
  source: 'scan',
  title: 'Object read with another user’s identity',
  message:
    'Identity "bob" read user 1001 (owned by "alice") through GET /users/{id}: 200 with alice’s email.',
  severity: 'critical',
  confidence: 'firm',
  owasp: 'API1',
  cwe: 639,
  location: { target: 'https://api.example.com', method: 'GET', path: '/users/{id}', operationId: 'getUser' },
  evidence: {
    summary: 'Same 200 body for the owner and for another identity.',
    oracle: 'status-differential',
    exchanges: [
      {
        request: {
          method: 'GET',
          url: 'https://api.example.com/users/1001',
          headers: { authorization: 'Bearer [redacted]', accept: 'application/json' },
        },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"id":1001,"email":"alice@example.com"}',
          durationMs: 41.7,
        },
      },
      {
        request: {
          method: 'GET',
          url: `https://api.example.com/users/1001?api_key=${SAMPLE_API_KEY}`,
          // Deliberately unredacted: the reporter must redact again.
          headers: {
            Authorization: `Bearer ${SAMPLE_TOKEN}`,
            Cookie: `sid=${SAMPLE_TOKEN}`,
            Accept: 'application/json',
          },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': 'application/json', 'Set-Cookie': `session=${SAMPLE_TOKEN}; HttpOnly` },
          body: `{"id":1001,"email":"alice@example.com","password":"${SAMPLE_PASSWORD}"}`,
          durationMs: 38,
        },
      },
    ],
    curl: `curl -s -H 'Authorization: Bearer ${SAMPLE_TOKEN}' -u 'bob:${SAMPLE_PASSWORD}' 'https://api.example.com/users/1001?api_key=${SAMPLE_API_KEY}'`,
  },
  remediation:
    'Authorize object access by owner in the GET /users/{id} handler (compare the record owner with the caller).',
  tags: ['bola'],
});

export const SCAN_FINDING_HEADERS: Finding = finding({
  ruleId: 'security-headers-missing',
  source: 'scan',
  title: 'Security headers missing',
  message: 'GET / answered without Strict-Transport-Security and X-Content-Type-Options.',
  severity: 'low',
  confidence: 'certain',
  owasp: 'API8',
  cwe: 693,
  location: { target: 'https://api.example.com', method: 'GET', path: '/' },
  evidence: {
    summary: 'Response headers lack HSTS and nosniff.',
    exchanges: [
      {
        request: { method: 'GET', url: 'https://api.example.com/', headers: {} },
        response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>API</h1>' },
      },
    ],
  },
  remediation: 'Add Strict-Transport-Security: max-age=31536000 and X-Content-Type-Options: nosniff.',
});

const TIMES = { startedAt: '2026-01-15T10:00:00.000Z', finishedAt: '2026-01-15T10:00:03.250Z' } as const;
const TOOL = {
  name: 'Rampart',
  version: '0.1.0',
  informationUri: 'https://docs.example.org/rampart',
} as const;

/** A static audit of one document with three findings and a score. */
export const AUDIT_INPUT: ReportInput = {
  tool: TOOL,
  subjects: [{ kind: 'document', name: 'openapi/petstore.yaml', specVersion: '3.1.0', title: 'Petstore' }],
  rules: SAMPLE_RULES.filter((r) => !['bola-id-swap', 'security-headers-missing'].includes(r.id)),
  findings: [AUDIT_FINDING_HTTP, AUDIT_FINDING, AUDIT_FINDING_RATE],
  scores: [
    {
      subject: 'openapi/petstore.yaml',
      score: 71,
      grade: 'C',
      categories: {
        API2: {
          score: 60,
          deductions: [{ ruleId: 'write-operation-without-security', points: 20, count: 1 }],
        },
        API4: { score: 85, deductions: [{ ruleId: 'missing-rate-limit', points: 8, count: 1 }] },
        API8: { score: 95, deductions: [{ ruleId: 'server-url-plain-http', points: 1, count: 1 }] },
        API9: { score: 100, deductions: [] },
      },
    },
  ],
  ...TIMES,
  summary: { operations: 12 },
};

/** An active scan of one target with exchanges, plus an engine error. */
export const SCAN_INPUT: ReportInput = {
  tool: TOOL,
  subjects: [{ kind: 'target', name: 'https://api.example.com' }],
  rules: SAMPLE_RULES.filter((r) => ['bola-id-swap', 'security-headers-missing'].includes(r.id)),
  findings: [SCAN_FINDING_HEADERS, SCAN_FINDING],
  engineErrors: [
    {
      ruleId: 'bola-id-swap',
      subject: 'https://api.example.com',
      message:
        'TypeError: Cannot read properties of undefined (reading "schema") while planning PATCH /users/{id}',
    },
  ],
  checked: [
    { ruleId: 'bola-id-swap', subject: 'https://api.example.com', operation: 'GET /users/{id}' },
    { ruleId: 'bola-id-swap', subject: 'https://api.example.com', operation: 'GET /orders/{id}' },
    { ruleId: 'security-headers-missing', subject: 'https://api.example.com', operation: 'GET /' },
  ],
  ...TIMES,
  summary: { requests: 148 },
};

/** Audit and scan together, as `rampart scan --spec` reports them. */
export const COMBINED_INPUT: ReportInput = {
  tool: TOOL,
  subjects: [...AUDIT_INPUT.subjects, ...SCAN_INPUT.subjects],
  rules: SAMPLE_RULES,
  findings: [...SCAN_INPUT.findings, ...AUDIT_INPUT.findings],
  scores: AUDIT_INPUT.scores ?? [],
  engineErrors: SCAN_INPUT.engineErrors ?? [],
  ...TIMES,
};

/** Nothing found. */
export const EMPTY_INPUT: ReportInput = {
  tool: TOOL,
  subjects: [{ kind: 'document', name: 'openapi/clean.yaml', specVersion: '3.0.3' }],
  rules: SAMPLE_RULES.slice(0, 3),
  findings: [],
  ...TIMES,
};

/** Attacker-controlled strings, as a scanned API could return them. */
export const HOSTILE_TEXT = `<script>alert(1)</script>"onerror="alert(2)" '><img src=x onerror=alert(3)>\u001b[2J\u0000\u202e]]>`;

/** One finding whose every free-text field is hostile. */
export const HOSTILE_INPUT: ReportInput = {
  tool: TOOL,
  subjects: [{ kind: 'target', name: 'https://api.example.com', title: HOSTILE_TEXT }],
  rules: [],
  findings: [
    finding({
      ruleId: 'reflected-input',
      source: 'scan',
      title: HOSTILE_TEXT,
      message: HOSTILE_TEXT,
      severity: 'medium',
      confidence: 'tentative',
      owasp: 'API8',
      cwe: 79,
      location: { target: 'https://api.example.com', method: 'GET', path: `/search/${HOSTILE_TEXT}` },
      evidence: {
        summary: HOSTILE_TEXT,
        snippet: HOSTILE_TEXT,
        oracle: HOSTILE_TEXT,
        exchanges: [
          {
            request: {
              method: 'GET',
              url: `https://api.example.com/search?q=${HOSTILE_TEXT}`,
              headers: { 'x-note': HOSTILE_TEXT },
            },
            response: { status: 200, headers: { 'content-type': 'text/html' }, body: HOSTILE_TEXT },
          },
        ],
        curl: `curl '${HOSTILE_TEXT}'`,
      },
      remediation: HOSTILE_TEXT,
      tags: [HOSTILE_TEXT],
    }),
  ],
  engineErrors: [{ message: HOSTILE_TEXT }],
  ...TIMES,
};
