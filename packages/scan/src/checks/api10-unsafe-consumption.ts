import { buildUpstreamBody, collectVocabulary } from '../build-upstream-body.js';
import type { UpstreamAnswer } from '../canary/canary.js';
import { defineCheck } from '../define-check.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { isSuccess } from '../transport/is-success.js';
import { discoverUpstreamConsumers } from '../upstream/discover-upstream-consumers.js';

const PRIVILEGE_FIELD =
  /^(role|roles|isadmin|admin|issuperuser|superuser|permissions|scopes|groups|accesslevel)$/i;
const ABSURD = 1_000_000;
const OVERSIZED_BYTES = 512 * 1024;
const HUGE_BYTES = 20 * 1024 * 1024;

/** Privilege-bearing fields of a JSON body (top level and one level down), as `path → value`. */
function privilegeFields(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return out;
  }
  const visit = (node: unknown, prefix: string, depth: number) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || depth > 1) return;
    for (const [key, value] of Object.entries(node)) {
      if (PRIVILEGE_FIELD.test(key) && (typeof value !== 'object' || Array.isArray(value)))
        out.set(`${prefix}${key}`, JSON.stringify(value));
      else visit(value, `${prefix}${key}.`, depth + 1);
    }
  };
  visit(parsed, '', 0);
  return out;
}

/** Numbers of a JSON body (bounded walk). */
function numbersOf(body: string): number[] {
  const out: number[] = [];
  try {
    const stack: unknown[] = [JSON.parse(body)];
    while (stack.length > 0 && out.length < 500) {
      const node = stack.pop();
      if (typeof node === 'number') out.push(node);
      else if (Array.isArray(node)) stack.push(...node);
      else if (node !== null && typeof node === 'object') stack.push(...Object.values(node));
    }
  } catch {
    // not JSON: no numbers
  }
  return out;
}

export const api10UnsafeConsumption = defineCheck({
  id: 'api10-unsafe-consumption',
  title: 'Unsafe consumption of a third-party API',
  severity: 'high',
  owasp: 'API10',
  cwe: 20,
  maxRequests: 120,
  description:
    "The canary's upstream listener plays the API's third-party provider: point the API's partner/provider URL " +
    'at it (the way the demo bank takes canaryUrl). Operations that call it are found by watching the canary ' +
    'while each GET, and each other operation named like an integration (verify, rates, convert, sync, ' +
    'provider…), is called. Each consumer then gets hostile answers in its own vocabulary (samples of the ' +
    "consumers' response schemas): privilege-bearing fields (role: admin) — a finding when the caller's own " +
    'profile changes afterwards (reverted); absurd numbers (1 000 000) — a finding when a state-changing ' +
    'operation completes using them; a 512 KiB and a 20 MB answer — a finding when accepted like a normal one; ' +
    'a redirect to a loopback canary URL — a finding when followed.',
  remediation:
    'Treat third-party answers as untrusted input: validate them against a strict schema (types, enums, ' +
    'plausible ranges), take only the fields you need, cap response size and time, do not follow redirects, ' +
    'and never merge a provider object into your own records.',
  async run(ctx) {
    const canary = ctx.canary;
    if (canary === undefined) return;
    const session = selectInjectionSession(ctx);
    if (session.anonymous) return;
    const consumers = await discoverUpstreamConsumers(ctx, session);
    if (consumers.length === 0) return;
    const vocabulary = collectVocabulary(
      ctx.model,
      ctx.values.all().map((v) => v.value),
    );
    const operations = consumers.map((c) => c.operation);
    const benign = buildUpstreamBody(operations, vocabulary);
    const hostile = {
      ...buildUpstreamBody(operations, vocabulary, { number: ABSURD }),
      status: 'approved',
      role: 'admin',
      isAdmin: true,
      profile: { role: 'admin', isAdmin: true },
      user: { role: 'admin', isAdmin: true },
    };
    const profiles = ctx.baselines
      .filter((b) => b.identity === session.name && b.operation.method === 'get' && isSuccess(b.response))
      .filter((b) => privilegeFields(b.response.body).size > 0)
      .map((b) => b.response.request)
      .slice(0, 3);
    const readProfiles = async () => {
      const out = new Map<string, string>();
      for (const request of profiles) {
        for (const [field, value] of privilegeFields((await session.send(request)).body))
          out.set(`${new URL(request.url).pathname} ${field}`, value);
      }
      return out;
    };
    try {
      for (const consumer of consumers) {
        const { operation, request } = consumer;
        const call = async (answer: UpstreamAnswer) => {
          canary.answerUpstream(answer);
          const mark = canary.mark();
          const response = await session.send(request);
          return { response, hits: canary.hitsSince(mark).filter((h) => h.listener === 'upstream') };
        };
        const normal = await call({ kind: 'json', body: benign });
        if (normal.response.status === 429 || normal.hits.length === 0) continue;
        const where = `${operation.method.toUpperCase()} ${operation.path}`;

        // Hostile content: privilege fields and absurd numbers.
        const before = await readProfiles();
        const injected = await call({ kind: 'json', body: hostile });
        const after = await readProfiles();
        const escalated = [...after].filter(
          ([field, value]) => before.has(field) && before.get(field) !== value,
        );
        if (escalated.length > 0) {
          const restore = async () => {
            const original: Record<string, unknown> = { ...benign, status: hostile.status };
            for (const [field, value] of before) {
              const name = field.split(' ')[1]!.split('.').at(-1)!;
              original[name] = JSON.parse(value);
              original['profile'] = { ...(original['profile'] as object), [name]: JSON.parse(value) };
              original['user'] = { ...(original['user'] as object), [name]: JSON.parse(value) };
            }
            await call({ kind: 'json', body: original });
          };
          await restore();
          const reported = await ctx.report({
            operation,
            message: `${where} merges the provider's answer into the caller's record: after the upstream answered role: "admin", ${escalated.map(([f, v]) => `${f} became ${v} (was ${before.get(f)})`).join('; ')}`,
            summary: `the canary upstream answered privilege-bearing fields; ${session.name}'s re-read then showed them (reverted afterwards)`,
            oracle: 'upstream-fields-merged',
            confidence: 'certain',
            responses: [injected.response],
            tags: ['unsafe-consumption', 'privilege'],
            confirm: async () => {
              await call({ kind: 'json', body: hostile });
              const again = await readProfiles();
              const changed = [...again].some(([f, v]) => before.has(f) && before.get(f) !== v);
              await restore();
              return changed;
            },
          });
          if (reported) continue;
        }
        if (operation.method !== 'get' && isSuccess(injected.response)) {
          const known = new Set(numbersOf(normal.response.body));
          const used = numbersOf(injected.response.body).filter(
            (n) => Math.abs(n) >= ABSURD / 10 && !known.has(n),
          );
          if (used.length > 0) {
            const reported = await ctx.report({
              operation,
              message: `${where} completed (${injected.response.status}) using an implausible value from its provider: the upstream answered ${ABSURD} for every number and the result carries ${used.slice(0, 3).join(', ')}`,
              summary: `with a plausible upstream answer the operation gave ${[...known].slice(0, 5).join(', ') || 'no numbers'}; with absurd upstream numbers it still answered ${injected.response.status} with ${used.slice(0, 3).join(', ')}`,
              oracle: 'upstream-value-used-unchecked',
              confidence: 'firm',
              snippet: used.slice(0, 3).join(', '),
              responses: [normal.response, injected.response],
              tags: ['unsafe-consumption', 'validation'],
              confirm: async () => {
                const again = await call({ kind: 'json', body: hostile });
                return (
                  isSuccess(again.response) &&
                  numbersOf(again.response.body).some((n) => Math.abs(n) >= ABSURD / 10 && !known.has(n))
                );
              },
            });
            if (reported) continue;
          }
        }

        // Redirect from the provider to a loopback address.
        const token = canary.token(`up${operation.path}`);
        const redirected = await call({ kind: 'redirect', location: canary.probeFor(token) });
        const followed = await canary.waitFor(token, 100);
        if (followed !== undefined) {
          const reported = await ctx.report({
            operation,
            message: `${where} follows a redirect from its provider to a loopback address`,
            summary: `the upstream answered 302 to a loopback canary URL, which then received ${followed.method} ${followed.url}`,
            oracle: 'upstream-redirect-followed',
            confidence: 'certain',
            responses: [redirected.response],
            tags: ['unsafe-consumption', 'redirect', 'ssrf'],
            confirm: async () => {
              const again = canary.token(`up${operation.path}`);
              await call({ kind: 'redirect', location: canary.probeFor(again) });
              return (await canary.waitFor(again, 100)) !== undefined;
            },
          });
          if (reported) continue;
        }

        // Oversized answers: accepted like a normal one?
        if (!isSuccess(normal.response)) continue;
        const accepted = async (bytes: number) => {
          const result = await call({ kind: 'oversized', bytes, body: benign });
          return result.response.status === normal.response.status ? result.response : undefined;
        };
        const large = await accepted(OVERSIZED_BYTES);
        if (large === undefined) continue;
        const huge = await accepted(HUGE_BYTES);
        await ctx.report({
          operation,
          message: `${where} reads its provider's answer without a size limit: a ${huge ? '20 MB' : '512 KiB'} answer was accepted (${(huge ?? large).status}) like a normal one`,
          summary: `the upstream streamed ${huge ? HUGE_BYTES : OVERSIZED_BYTES} bytes of valid JSON and the API answered ${(huge ?? large).status}, as with a small answer`,
          oracle: 'oversized-upstream-accepted',
          confidence: 'firm',
          severity: huge ? 'high' : 'medium',
          responses: [normal.response, huge ?? large],
          tags: ['unsafe-consumption', 'resource-consumption'],
          confirm: async () => (await accepted(OVERSIZED_BYTES)) !== undefined,
        });
      }
    } finally {
      canary.answerUpstream({ kind: 'json', body: benign });
    }
  },
});
