import type { Severity } from '@rampart/core';
import type { UpstreamAnswer } from '../canary/canary.js';
import { defineCheck } from '../define-check.js';
import { matchErrorSignature } from '../match-error-signature.js';
import type { ScanResponse } from '../transport/scan-transport.js';
import type { UpstreamConsumer } from '../upstream/discover-upstream-consumers.js';
import { prepareUpstreamProbe } from '../upstream/prepare-upstream-probe.js';

/** One hostile answer and what it is called in a finding. */
interface Variant {
  readonly name: 'malformed-json' | 'wrong-content-type' | 'injected-fields';
  readonly label: string;
  readonly answer: UpstreamAnswer;
  /** The unique text the answer carries; finding it in the API's answer shows a pass-through. */
  readonly marker: string;
}

const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
/** Content types a browser renders as a document (where passed-through markup runs). */
const RENDERED = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml)\b/i;

/** The hostile variants, each carrying `marker`. */
function variants(benign: Record<string, unknown>, marker: string): Variant[] {
  const json = JSON.stringify({ ...benign, note: marker });
  const payload = `<img src=x onerror=alert(1)>${marker}'"{{7*7}}`;
  return [
    {
      name: 'malformed-json',
      label: 'malformed JSON (cut in the middle)',
      // Valid up to the cut, so a lenient reader gets far before it fails.
      answer: {
        kind: 'text',
        contentType: 'application/json',
        body: `${json.slice(0, -1)},"rampart":{"x":[1,`,
      },
      marker,
    },
    {
      name: 'wrong-content-type',
      label: 'an HTML error page with status 200',
      answer: {
        kind: 'text',
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><title>Gateway</title></head><body><h1>Maintenance</h1><p>${marker}</p><script>document.title='${marker}'</script></body></html>`,
      },
      marker,
    },
    {
      name: 'injected-fields',
      label: 'markup and template payloads in every string field',
      answer: { kind: 'json', body: buildStrings(benign, payload) },
      marker: payload,
    },
  ];
}

/** `body` with every string value (at any depth) replaced by `payload`. */
function buildStrings(body: unknown, payload: string): unknown {
  if (typeof body === 'string') return payload;
  if (Array.isArray(body)) return body.map((item) => buildStrings(item, payload));
  if (body !== null && typeof body === 'object')
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, buildStrings(v, payload)]));
  return body;
}

/** What the API's answer to one hostile upstream answer shows, if anything. */
interface Verdict {
  readonly oracle: string;
  readonly severity: Severity;
  readonly what: string;
  readonly snippet?: string;
}

function judge(
  variant: Variant,
  normal: ScanResponse,
  response: ScanResponse,
  via: UpstreamConsumer['via'],
): Verdict | undefined {
  const contentType = response.headers['content-type'] ?? '';
  if (response.status >= 500 && normal.status < 500) {
    const signature = matchErrorSignature(response.body);
    if (signature !== undefined) {
      return {
        oracle: 'upstream-malformed-crash',
        severity: 'medium',
        what: `crashes: it answered ${response.status} with a ${signature.stack} stack trace`,
        snippet: signature.match,
      };
    }
    if (response.status === 500) {
      return {
        oracle: 'upstream-malformed-unhandled',
        severity: 'low',
        what: 'fails with an unhandled 500 instead of a gateway error (502/503/504)',
      };
    }
  }
  // Content fetched from a URL the caller chose (an import, a preview) is the caller's own data: returning it
  // is the feature. Only a provider's answer, which the API presents as its own, counts as passed through.
  // As sent, or JSON-escaped (the payload's quote becomes \" inside a JSON string).
  const carried =
    response.body.includes(variant.marker) ||
    response.body.includes(JSON.stringify(variant.marker).slice(1, -1));
  if (via === 'provider' && carried) {
    const rendered = RENDERED.test(contentType) || contentType === '';
    return {
      oracle: 'upstream-content-passed-through',
      severity: rendered ? 'medium' : 'low',
      what: `passes it through to its own answer (${contentType || 'no content type'})${rendered ? ', where a browser renders it' : ''}`,
      snippet: variant.marker,
    };
  }
  return undefined;
}

export const api10UpstreamMalformed = defineCheck({
  id: 'api10-upstream-malformed',
  title: 'Malformed or hostile third-party answer crashes the API or passes through',
  severity: 'medium',
  owasp: 'API10',
  cwe: 20,
  maxRequests: 80,
  description:
    "The canary's upstream listener plays the API's third party (its configured provider, and URLs handed to " +
    'URL-taking inputs). Each consumer is called with a normal answer, then with malformed JSON cut in the ' +
    'middle, an HTML page served with status 200, and JSON whose every string is a markup/template payload. ' +
    'A finding when the API then crashes (5xx with a stack trace: medium; a bare 500: low) where a normal ' +
    "answer did not, or copies a provider's hostile content into its own answer (low in JSON; medium where a " +
    'browser renders it; content fetched from a URL the caller chose is not counted).',
  remediation:
    'Treat third-party answers as untrusted input: check the status and content type, parse inside a ' +
    'try/catch and answer 502 on failure, validate against a strict schema, never return stack traces, and ' +
    'encode or drop provider strings before returning them.',
  async run(ctx) {
    const probe = await prepareUpstreamProbe(ctx);
    if (probe === undefined) return;
    const { canary, session, consumers, benign } = probe;
    const call = async (answer: UpstreamAnswer, request: (typeof consumers)[number]['request']) => {
      canary.answerUpstream(answer);
      return session.send(request);
    };
    try {
      for (const consumer of consumers) {
        const { operation, request } = consumer;
        const where = `${operation.method.toUpperCase()} ${operation.path}`;
        const normal = await call({ kind: 'json', body: benign }, request);
        if (normal.status === 429) continue;
        const marker = canary.token(`mal${operation.path}`);
        // Every variant is tried; the engine keeps one finding per operation, so the worst one is reported
        // (and re-confirmed) with the others named in its message.
        const verdicts: Array<{ variant: Variant; verdict: Verdict; response: ScanResponse }> = [];
        for (const variant of variants(benign, marker)) {
          const response = await call(variant.answer, request);
          if (response.status === 429) continue;
          const verdict = judge(variant, normal, response, consumer.via);
          if (verdict !== undefined) verdicts.push({ variant, verdict, response });
        }
        verdicts.sort(
          (a, b) => SEVERITY_ORDER.indexOf(b.verdict.severity) - SEVERITY_ORDER.indexOf(a.verdict.severity),
        );
        const top = verdicts[0];
        if (top === undefined) continue;
        const { variant, verdict, response } = top;
        const upstream = consumer.via === 'url' ? 'the URL it was given' : 'its provider';
        const others = verdicts.slice(1).map((v) => `with ${v.variant.label} it ${v.verdict.what}`);
        await ctx.report({
          operation,
          message: `${where}: when ${upstream} answers ${variant.label}, the API ${verdict.what}${others.length > 0 ? `; ${others.join('; ')}` : ''}`,
          summary: `with a normal upstream answer the API answered ${normal.status}; with ${variant.label} it answered ${response.status}`,
          oracle: verdict.oracle,
          confidence: 'firm',
          severity: verdict.severity,
          ...(verdict.snippet ? { snippet: verdict.snippet } : {}),
          responses: [normal, ...verdicts.slice(1).map((v) => v.response), response],
          tags: ['unsafe-consumption', ...new Set(verdicts.map((v) => v.variant.name))],
          confirm: async () =>
            judge(variant, normal, await call(variant.answer, request), consumer.via)?.oracle ===
            verdict.oracle,
        });
      }
    } finally {
      canary.answerUpstream({ kind: 'json', body: benign });
    }
  },
});
