import { randomBytes } from 'node:crypto';
import {
  compareSeverityDesc,
  type Finding,
  type FindingLocation,
  fingerprintFinding,
  type HttpExchange,
  isRampartError,
  RampartError,
} from '@rampart/core';
import type { ApiModel, Operation } from '@rampart/openapi';
import { deriveAutoIdentities } from './bootstrap/derive-auto-identities.js';
import type { Canary } from './canary/canary.js';
import { createCanary } from './canary/create-canary.js';
import type { Baseline, CheckContext, FindingDraft, OtpReader, ScanCheck } from './check-context.js';
import { SCAN_CHECKS } from './checks/index.js';
import { cleanUpCreatedObjects } from './clean-up-created-objects.js';
import { buildOperationRequest } from './explore/build-operation-request.js';
import { exploreApi } from './explore/explore-api.js';
import { normalizeFieldName } from './explore/name-resource.js';
import { createValuePool } from './explore/value-pool.js';
import { runFlows } from './flows/run-flows.js';
import { createIdentitySession } from './identities/create-identity-session.js';
import type { IdentitiesConfig } from './identities/identities-config.js';
import type { IdentitySession } from './identities/identity-session.js';
import { type PreflightResult, preflightIdentities } from './identities/preflight-identities.js';
import { joinTargetUrl } from './join-target-url.js';
import { createOwnershipLedger } from './ownership-ledger.js';
import { renderCurl } from './render-curl.js';
import { createHttpTransport } from './transport/create-http-transport.js';
import type { ScanRequest, ScanTransport } from './transport/scan-transport.js';
import { toHttpExchange } from './transport/to-http-exchange.js';
import { withBudget } from './transport/with-budget.js';
import { withRateLimit } from './transport/with-rate-limit.js';
import { withReadOnly } from './transport/with-read-only.js';
import { withRecorder } from './transport/with-recorder.js';
import { withScanTag } from './transport/with-scan-tag.js';
import { type ScopeStats, withScope } from './transport/with-scope.js';

/** How to scan. Every field is optional. */
export interface ScanOptions {
  /** Only GET, HEAD, OPTIONS and TRACE are sent (enforced by the transport). Default false. */
  readonly readOnly?: boolean;
  /** Checks may delete objects the scan created as another identity. Default false. */
  readonly destructive?: boolean;
  /** Exploration creates one object per creatable collection per identity (default: true unless read-only). */
  readonly createResources?: boolean;
  /** Request rate cap (default 50/s). */
  readonly requestsPerSecond?: number;
  /** Longest Retry-After waited for (default 3000 ms). */
  readonly maxRetryAfterMs?: number;
  /** Total request budget (default 5000) and time budget (default 600 000 ms). */
  readonly maxRequests?: number;
  readonly maxTimeMs?: number;
  /** Per-check budgets (defaults: the check's `maxRequests` or 300, and 120 000 ms). */
  readonly maxRequestsPerCheck?: number;
  readonly maxTimeMsPerCheck?: number;
  /** The checks to run (default `SCAN_CHECKS`), optionally narrowed to these ids. */
  readonly checks?: readonly ScanCheck[];
  readonly only?: readonly string[];
  /** Sent as `X-Rampart-Scan` on every request (default: random). */
  readonly scanId?: string;
  /** Requests in the rate-limit burst (default 60, at most 60). */
  readonly burstSize?: number;
  /** Per-request timeout (default 10 000 ms). */
  readonly timeoutMs?: number;
  /**
   * The out-of-band canary for SSRF and unsafe-consumption checks. Default: one is started on 127.0.0.1 for
   * the scan and stopped at its end (reachable only by targets on this machine). Pass a started canary to
   * point the target's partner URLs at it before the scan (and for public URLs, see `createCanary`), or
   * `false` for none. Its origins are the only ones besides the target that the scope guard allows.
   */
  readonly canary?: Canary | false;
  /**
   * Known-good values by field name (`couponCode: WELCOME50`), pooled before exploration so operations whose
   * inputs no response reveals (a coupon, an invitation code) can be exercised.
   */
  readonly values?: Readonly<Record<string, string | number | ReadonlyArray<string | number>>>;
  /** Reads one-time codes sent by the target (password reset, step-up), for the OTP checks. */
  readonly readOtp?: OtpReader;
  /** The innermost transport (default: undici). The guards are always added around it. */
  readonly transport?: ScanTransport;
  readonly onProgress?: (event: ScanProgress) => void;
}

/** A progress event, for a progress bar. */
export interface ScanProgress {
  readonly phase: 'preflight' | 'explore' | 'check' | 'cleanup' | 'done';
  /** The check starting (phase `check`). */
  readonly check?: string;
  readonly index?: number;
  readonly total?: number;
  readonly findings: number;
  readonly requests: number;
}

/** What `scanTarget` needs. */
export interface ScanTargetInput {
  readonly model: ApiModel;
  /** The target origin, optionally with a base path: `http://127.0.0.1:8080`. */
  readonly target: string;
  /** Parsed identities file; anonymous only when omitted. */
  readonly identities?: IdentitiesConfig;
  readonly options?: ScanOptions;
}

/** One check's run. */
export interface CheckRun {
  readonly id: string;
  readonly requests: number;
  readonly durationMs: number;
  readonly findings: number;
  /** Findings whose re-confirmation failed (not reported). */
  readonly unconfirmed: number;
  /** Answers that were 429 (rate limited): the check's verdicts on those requests are inconclusive. */
  readonly rateLimited: number;
  /** Set when the check threw (the scan went on) or ran out of budget. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A failure of the engine that did not stop the scan. */
export interface EngineError {
  readonly phase: string;
  readonly code: string;
  readonly message: string;
}

/** Everything a scan produced. */
export interface ScanResult {
  readonly scanId: string;
  readonly target: string;
  /** Most severe first. */
  readonly findings: Finding[];
  readonly checks: CheckRun[];
  readonly engineErrors: EngineError[];
  readonly requests: number;
  readonly durationMs: number;
  readonly scope: ScopeStats;
  readonly preflight: readonly { readonly identity: string; readonly status: number }[];
  /** Objects created by the scan and whether their cleanup succeeded. */
  readonly cleanup: { readonly attempted: number; readonly failed: number };
  /** Redacted log of the exchanges (bounded). */
  readonly exchanges: readonly HttpExchange[];
  /** Coverage warnings: e.g. only one user identity, so BOLA had no peer. */
  readonly warnings: string[];
}

const PROBE_PREFERENCE = /\/(me|self|whoami|profile|current[-_]?user|userinfo|account)\b/i;

function preflightCandidates(model: ApiModel): Operation[] {
  return model.operations
    .filter(
      (op) =>
        op.method === 'get' &&
        !op.isWebhook &&
        op.security.length > 0 &&
        !op.security.some((req) => Object.keys(req).length === 0) &&
        !op.parameters.some((p) => p.in === 'path' || (p.required && p.in !== 'header')),
    )
    .sort((a, b) => Number(PROBE_PREFERENCE.test(b.path)) - Number(PROBE_PREFERENCE.test(a.path)));
}

const errorInfo = (error: unknown) => ({
  code: isRampartError(error) ? error.code : 'RAMPART_ERR_INTERNAL',
  message: error instanceof Error ? error.message : String(error),
});

/**
 * Scans one running target: builds the guarded transport (scope → only `target`'s origin; rate cap and
 * Retry-After; total budget; read-only; `X-Rampart-Scan` tag; redacted recorder), logs every identity in and
 * proves it works (preflight; throws `RAMPART_ERR_SCAN_PREFLIGHT`), explores the API statefully, runs each
 * check with its own budget (a check that throws is recorded and the scan goes on), then deletes what it
 * created in reverse order.
 */
export async function scanTarget(input: ScanTargetInput): Promise<ScanResult> {
  const started = performance.now();
  const options = input.options ?? {};
  const scanId = options.scanId ?? `rs-${randomBytes(6).toString('hex')}`;
  const target = input.target.replace(/\/+$/, '');
  const readOnly = options.readOnly ?? false;
  const ownCanary = options.canary === undefined ? await createCanary() : undefined;
  const canary = options.canary === false ? undefined : (options.canary ?? ownCanary);
  try {
    return await runScan(input, options, scanId, target, readOnly, canary, started);
  } finally {
    await ownCanary?.close();
  }
}

async function runScan(
  input: ScanTargetInput,
  options: ScanOptions,
  scanId: string,
  target: string,
  readOnly: boolean,
  canary: Canary | undefined,
  started: number,
): Promise<ScanResult> {
  const scope = withScope(
    withRateLimit(options.transport ?? createHttpTransport({ timeoutMs: options.timeoutMs ?? 10_000 }), {
      requestsPerSecond: options.requestsPerSecond ?? 50,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 3000,
    }),
    // The canary is ours: the only origin besides the target that may be contacted.
    [target, ...(canary?.origins ?? [])],
  );
  const recorder = withRecorder(scope);
  const total = withBudget(recorder, {
    name: 'scan',
    maxRequests: options.maxRequests ?? 5000,
    maxTimeMs: options.maxTimeMs ?? 600_000,
  });
  const guarded = withScanTag(withReadOnly(total, readOnly), scanId);
  const loginTransport = withScanTag(total, scanId);
  // Checks run one at a time; each gets its own budget by swapping the slot the sessions send through.
  const slot: { current: ScanTransport } = { current: guarded };
  const routed: ScanTransport = { send: (request) => slot.current.send(request) };

  // --auto-identities: two throwaway users signed up through the API's own registration (throws when impossible).
  const auto = input.identities?.autoIdentities ? deriveAutoIdentities(input.model) : undefined;
  const configs = [...(input.identities?.identities ?? []), ...(auto?.identities ?? [])];
  const sessions: IdentitySession[] = [
    createIdentitySession(undefined, routed, target),
    ...configs.map((config) => createIdentitySession(config, routed, target, { loginTransport, scanId })),
  ];
  const anonymous = sessions[0]!;
  const users = sessions.filter((s) => !s.anonymous && !s.admin);
  const admins = sessions.filter((s) => s.admin);
  const findings: Finding[] = [];
  const engineErrors: EngineError[] = [];
  const warnings: string[] = [];
  const progress = (event: Omit<ScanProgress, 'findings' | 'requests'>) =>
    options.onProgress?.({ ...event, findings: findings.length, requests: total.usage.requests });

  progress({ phase: 'preflight' });
  let preflight: PreflightResult[] = [];
  if (sessions.length > 1) {
    for (const session of sessions) await session.credentials();
    const configured = input.identities?.preflight;
    const probes: ScanRequest[] = configured
      ? [{ method: configured.method, url: joinTargetUrl(target, configured.path) }]
      : preflightCandidates(input.model)
          .slice(0, 3)
          .map((op) => buildOperationRequest(op, target))
          .filter((r): r is ScanRequest => r !== undefined);
    // Identities with a preflight of their own are proven by it; the others share the file-wide probe.
    const own = sessions.filter((s) => s.config?.preflight !== undefined);
    const shared = sessions.filter((s) => s.config?.preflight === undefined);
    if (probes.length === 0 && shared.length > 1) {
      throw new RampartError(
        'RAMPART_ERR_SCAN_PREFLIGHT',
        'no operation can prove the identities work: the description has no secured GET without parameters',
        { hint: 'name one in identities.yaml: preflight: { method: GET, path: /users/me }' },
      );
    }
    if (shared.length > 1) {
      let firstError: unknown;
      for (const probe of probes) {
        try {
          preflight = await preflightIdentities(shared, probe);
          break;
        } catch (error) {
          firstError ??= error;
        }
      }
      if (preflight.length === 0) throw firstError;
    }
    for (const session of own) {
      const probe = session.config!.preflight!;
      const request = { method: probe.method, url: joinTargetUrl(target, probe.path) };
      preflight.push(...(await preflightIdentities([anonymous, session], request)));
    }
  }
  if (users.length < 2) {
    warnings.push(
      `only ${users.length} non-admin identit${users.length === 1 ? 'y' : 'ies'}: object-level checks between peers need two users of the same role`,
    );
  }
  if (admins.length === 0)
    warnings.push('no admin identity: function-level checks rely on path and name heuristics');

  const values = createValuePool();
  for (const [key, given] of Object.entries(options.values ?? {})) {
    for (const value of Array.isArray(given) ? given : [given]) {
      values.add({ key: normalizeFieldName(key), value, identity: 'seed', source: 'options.values' });
    }
  }
  const ledger = createOwnershipLedger();
  const baselines: Baseline[] = [];
  const marker = (identity: string) => `rampart-${scanId}-${identity}`;

  const flows = input.identities?.flows ?? [];
  if (flows.length > 0) {
    progress({ phase: 'explore' });
    slot.current = withBudget(guarded, { name: 'flows', maxRequests: options.maxRequestsPerCheck ?? 400 });
    try {
      await runFlows({
        flows,
        model: input.model,
        target,
        sessions,
        values,
        ledger,
        baselines,
        marker,
        scanId,
        readOnly,
        warn: (message) => warnings.push(message),
      });
    } catch (error) {
      // What the flows created before one failed is still deleted.
      slot.current = guarded;
      await cleanUpCreatedObjects(ledger, sessions, () => {});
      throw error;
    }
  }

  progress({ phase: 'explore' });
  slot.current = withBudget(guarded, {
    name: 'exploration',
    maxRequests: options.maxRequestsPerCheck ?? 400,
  });
  await exploreApi({
    model: input.model,
    target,
    sessions,
    values,
    ledger,
    baselines,
    create: !readOnly && (options.createResources ?? true),
    marker,
    onError: (error) => engineErrors.push({ phase: 'explore', ...errorInfo(error) }),
  });

  let checks = options.checks ?? SCAN_CHECKS;
  if (options.only !== undefined) checks = checks.filter((check) => options.only!.includes(check.id));
  const runs: CheckRun[] = [];
  const checkOptions = {
    readOnly,
    destructive: options.destructive ?? false,
    burstSize: Math.min(60, Math.max(1, options.burstSize ?? 60)),
  };

  for (const [index, check] of checks.entries()) {
    progress({ phase: 'check', check: check.id, index, total: checks.length });
    const budget = withBudget(guarded, {
      name: `check ${check.id}`,
      maxRequests: options.maxRequestsPerCheck ?? check.maxRequests ?? 300,
      maxTimeMs: options.maxTimeMsPerCheck ?? 120_000,
    });
    let rateLimited = 0;
    slot.current = {
      async send(request) {
        const response = await budget.send(request);
        if (response.status === 429) rateLimited++;
        return response;
      },
    };
    let reported = 0;
    let unconfirmed = 0;
    const report = async (draft: FindingDraft): Promise<boolean> => {
      if (draft.confirm !== undefined && !(await draft.confirm())) {
        unconfirmed++;
        return false;
      }
      const finding = buildFinding(check, draft, input.model, target);
      if (findings.some((f) => f.fingerprint === finding.fingerprint)) return false;
      findings.push(finding);
      reported++;
      return true;
    };
    const ctx: CheckContext = {
      model: input.model,
      target,
      options: checkOptions,
      transport: slot.current,
      identities: sessions,
      anonymous,
      users,
      admins,
      preflight,
      ledger,
      values,
      baselines,
      marker,
      buildRequest: (operation, requestInput) => buildOperationRequest(operation, target, requestInput),
      report,
      findings,
      exchanges: recorder.log.exchanges,
      canary,
      readOtp: options.readOtp,
    };
    const checkStarted = performance.now();
    let error: CheckRun['error'];
    try {
      await check.run(ctx);
    } catch (thrown) {
      error = errorInfo(thrown);
      engineErrors.push({ phase: `check ${check.id}`, ...error });
    }
    runs.push({
      id: check.id,
      requests: budget.usage.requests,
      durationMs: Math.round(performance.now() - checkStarted),
      findings: reported,
      unconfirmed,
      rateLimited,
      ...(error ? { error } : {}),
    });
  }

  progress({ phase: 'cleanup' });
  slot.current = guarded;
  const { attempted, failed } = await cleanUpCreatedObjects(ledger, sessions, (thrown) =>
    engineErrors.push({ phase: 'cleanup', ...errorInfo(thrown) }),
  );

  findings.sort((a, b) => compareSeverityDesc(a.severity, b.severity) || a.ruleId.localeCompare(b.ruleId));
  progress({ phase: 'done' });
  return {
    scanId,
    target,
    findings,
    checks: runs,
    engineErrors,
    requests: total.usage.requests,
    durationMs: Math.round(performance.now() - started),
    scope: scope.stats,
    preflight: preflight.map((p) => ({ identity: p.identity, status: p.response.status })),
    cleanup: { attempted, failed },
    exchanges: recorder.log.exchanges,
    warnings,
  };
}

/** A core `Finding` from a check's draft: metadata, location with document line, evidence, fingerprint. */
function buildFinding(check: ScanCheck, draft: FindingDraft, model: ApiModel, target: string): Finding {
  const operation = draft.operation;
  const document = operation ? model.locatePointer(operation.pointer) : undefined;
  const location: FindingLocation = {
    target,
    method: (draft.method ?? operation?.method ?? '').toUpperCase() || 'GET',
    path: draft.path ?? operation?.path ?? '/',
    ...(operation?.operationId ? { operationId: operation.operationId } : {}),
    ...(document ? { document } : {}),
  };
  const related = (draft.related ?? []).map(
    (place): FindingLocation =>
      'operation' in place
        ? {
            target,
            method: place.operation.method.toUpperCase(),
            path: place.operation.path,
            ...(place.operation.operationId ? { operationId: place.operation.operationId } : {}),
          }
        : { target, method: place.method.toUpperCase(), path: place.path },
  );
  const exchanges = draft.responses.map((response) => toHttpExchange(response));
  const last = exchanges.at(-1);
  const base = {
    ruleId: check.id,
    source: 'scan' as const,
    title: check.title,
    message: draft.message,
    severity: draft.severity ?? check.severity,
    confidence: draft.confidence,
    owasp: check.owasp,
    cwe: check.cwe,
    location,
    evidence: {
      summary: draft.summary,
      oracle: draft.oracle,
      exchanges,
      ...(last ? { curl: renderCurl(last) } : {}),
      ...(draft.snippet ? { snippet: draft.snippet } : {}),
    },
    remediation: check.remediation,
    ...(draft.tags ? { tags: draft.tags } : {}),
    ...(related.length > 0 ? { relatedLocations: related } : {}),
  };
  return { ...base, fingerprint: fingerprintFinding(base) };
}
