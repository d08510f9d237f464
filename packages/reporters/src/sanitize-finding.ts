import {
  type Evidence,
  type Finding,
  type FindingLocation,
  type HttpExchange,
  isSecretName,
  REDACTED_TEXT,
  redactHeaders,
  redactJson,
  redactUrl,
} from '@rampart/core';

/** Bodies larger than this are not parsed for redaction (they are shown as captured, already redacted). */
const MAX_BODY_PARSE = 1_000_000;

/**
 * A copy of `finding` in a fixed key order, with every value a reporter prints made safe a second time.
 * Engines redact at the point of capture; a reporter publishes files that travel (CI artifacts, tickets), so it
 * runs core's redaction again over exchange headers, URLs, JSON and form bodies and curl commands, and turns any
 * non-string that slipped in (a `Secret`) into its printed form, `[redacted]`.
 */
export function sanitizeFinding(finding: Finding): Finding {
  const evidence = finding.evidence === undefined ? undefined : sanitizeEvidence(finding.evidence);
  const related = finding.relatedLocations?.map(sanitizeLocation);
  return {
    ruleId: text(finding.ruleId),
    source: finding.source,
    title: text(finding.title),
    message: text(finding.message),
    severity: finding.severity,
    confidence: finding.confidence,
    owasp: finding.owasp,
    cwe: finding.cwe,
    location: sanitizeLocation(finding.location),
    ...(related === undefined ? {} : { relatedLocations: related }),
    ...(evidence === undefined ? {} : { evidence }),
    remediation: text(finding.remediation),
    ...(finding.tags === undefined ? {} : { tags: finding.tags.map(text) }),
    fingerprint: text(finding.fingerprint),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function sanitizeLocation(location: FindingLocation): FindingLocation {
  const d = location.document;
  return {
    ...(d === undefined
      ? {}
      : {
          document: {
            file: text(d.file),
            ...(d.line === undefined ? {} : { line: d.line }),
            ...(d.column === undefined ? {} : { column: d.column }),
            ...(d.pointer === undefined ? {} : { pointer: text(d.pointer) }),
          },
        }),
    ...(location.target === undefined ? {} : { target: redactUrl(text(location.target)) }),
    ...(location.method === undefined ? {} : { method: text(location.method) }),
    ...(location.path === undefined ? {} : { path: text(location.path) }),
    ...(location.operationId === undefined ? {} : { operationId: text(location.operationId) }),
  };
}

function sanitizeEvidence(evidence: Evidence): Evidence {
  return {
    summary: text(evidence.summary),
    ...(evidence.snippet === undefined ? {} : { snippet: text(evidence.snippet) }),
    ...(evidence.exchanges === undefined ? {} : { exchanges: evidence.exchanges.map(sanitizeExchange) }),
    ...(evidence.curl === undefined ? {} : { curl: redactCurl(text(evidence.curl)) }),
    ...(evidence.oracle === undefined ? {} : { oracle: text(evidence.oracle) }),
  };
}

function sanitizeHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) plain[name] = text(value);
  }
  return redactHeaders(plain);
}

function sanitizeExchange(exchange: HttpExchange): HttpExchange {
  const req = exchange.request;
  const res = exchange.response;
  const reqHeaders = sanitizeHeaders(req.headers);
  return {
    request: {
      method: text(req.method),
      url: redactUrl(text(req.url)),
      headers: reqHeaders,
      ...(req.body === undefined ? {} : { body: redactBody(text(req.body), reqHeaders['content-type']) }),
    },
    ...(res === undefined
      ? {}
      : {
          response: (() => {
            const resHeaders = sanitizeHeaders(res.headers);
            return {
              status: res.status,
              headers: resHeaders,
              ...(res.body === undefined
                ? {}
                : { body: redactBody(text(res.body), resHeaders['content-type']) }),
              ...(res.durationMs === undefined ? {} : { durationMs: res.durationMs }),
            };
          })(),
        }),
  };
}

/** Re-redacts JSON and form bodies; returns the body unchanged when there was nothing to redact. */
function redactBody(body: string, contentType: string | undefined): string {
  if (body.length > MAX_BODY_PARSE) return body;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(body);
      const redacted = redactJson(parsed);
      return JSON.stringify(redacted) === JSON.stringify(parsed) ? body : JSON.stringify(redacted, null, 2);
    } catch {
      return body;
    }
  }
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return redactUrl(`?${body}`).slice(1);
  }
  return body;
}

const CURL_HEADER = /(-H|--header)(\s+)(['"])([^'"\r\n:]+):[ \t]*([^'"\r\n]*)\3/g;
const CURL_CREDENTIAL = /(\s)(-u|--user|-b|--cookie|--oauth2-bearer)(\s+)(['"]?)([^\s'"]+)\4/g;
const CURL_URL = /https?:\/\/[^\s'"]+/g;

/** Redacts credential headers, `-u`/`--user`, cookies and secret query parameters in a curl command line. */
function redactCurl(curl: string): string {
  return curl
    .replace(CURL_HEADER, (_all, flag: string, space: string, quote: string, name: string, value: string) => {
      const redacted = isSecretName(name.trim())
        ? redactHeaders({ [name.trim()]: value })[name.trim().toLowerCase()]
        : value;
      return `${flag}${space}${quote}${name}: ${redacted}${quote}`;
    })
    .replace(
      CURL_CREDENTIAL,
      (_all, lead: string, flag: string, space: string, quote: string) =>
        `${lead}${flag}${space}${quote}${REDACTED_TEXT}${quote}`,
    )
    .replace(CURL_URL, (url) => redactUrl(url));
}
