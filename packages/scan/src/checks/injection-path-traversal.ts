import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { listInjectionTargets } from '../injection/list-injection-targets.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';

const UP = 8;
/** Traversal payloads in several encodings; `raw` ones go into the URL exactly as written. */
const PAYLOADS: ReadonlyArray<{ readonly value: string; readonly raw: boolean }> = [
  { value: `${'../'.repeat(UP)}etc/passwd`, raw: false },
  { value: `${'..%2f'.repeat(UP)}etc%2fpasswd`, raw: true },
  { value: `${'%2e%2e%2f'.repeat(UP)}etc%2fpasswd`, raw: true },
  { value: `${'....//'.repeat(UP)}etc/passwd`, raw: false },
  { value: `${'..%252f'.repeat(UP)}etc%252fpasswd`, raw: true },
  { value: '/etc/passwd', raw: false },
  { value: `${'..\\'.repeat(UP)}windows\\win.ini`, raw: false },
];
/** Contents only the real files have. */
const FILE_CONTENT = /root:[x*!]?:0:0:|\[fonts\][\s\S]{0,200}\[extensions\]|; for 16-bit app support/i;
/** Names of inputs that usually hold a file or path; body properties are probed only when they match. */
const FILE_LIKE =
  /file|path|name|doc|template|page|include|dir|folder|download|attachment|image|report|resource|lang|locale|view|load|read|src/i;
const MAX_OPERATIONS = 40;

export const injectionPathTraversal = defineCheck({
  id: 'injection-path-traversal',
  title: 'Path traversal',
  severity: 'high',
  owasp: 'API8',
  cwe: 22,
  maxRequests: 400,
  description:
    'String query and path parameters (and body properties named like files or paths) get `../` sequences ' +
    'toward /etc/passwd and win.ini in several encodings (plain, %2f, %2e%2e%2f, ....//, double-encoded, ' +
    'absolute, backslashes). The finding needs the content of the real file (`root:x:0:0:`, `[fonts]`) in the ' +
    'answer and not in the baseline, seen again on confirmation.',
  remediation:
    'Never build file paths from request input. Map the input to an allow-listed name (or an id looked up in ' +
    'a table), and if a path must be joined, resolve it and check it stays inside the intended folder.',
  async run(ctx) {
    const session = selectInjectionSession(ctx);
    const targets = listInjectionTargets(ctx, session, {
      limit: MAX_OPERATIONS,
      filter: (point) => point.in !== 'body' || FILE_LIKE.test(point.name),
    });
    for (const target of targets) {
      const { operation } = target;
      let found = false;
      for (const point of target.points) {
        if (found || point.in === 'header') continue;
        const base = baseValueOf(target, point) ?? 'rampart';
        const baselineRequest = buildInjectedRequest(ctx, target, point, base);
        if (baselineRequest === undefined) continue;
        const baseline = await session.send(baselineRequest);
        if (baseline.status === 429 || FILE_CONTENT.test(baseline.body)) continue;
        for (const payload of PAYLOADS) {
          const request = buildInjectedRequest(ctx, target, point, payload.value, { raw: payload.raw });
          if (request === undefined) continue;
          const response = await session.send(request);
          const content = FILE_CONTENT.exec(response.body)?.[0];
          if (content === undefined) continue;
          found = await ctx.report({
            operation,
            message: `path traversal in ${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}: ${JSON.stringify(payload.value)} returned a system file`,
            summary: `the answer (${response.status}) carries ${content.includes('root') ? '/etc/passwd' : 'win.ini'} content (${JSON.stringify(content)}); the value ${JSON.stringify(base)} answered ${baseline.status} without it`,
            oracle: 'file-content-in-response',
            confidence: 'certain',
            snippet: content,
            responses: [baseline, response],
            tags: ['injection', 'path-traversal'],
            confirm: async () => FILE_CONTENT.test((await session.send(request)).body),
          });
          if (found) break;
        }
      }
    }
  },
});
