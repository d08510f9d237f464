import type { Operation, OperationValidator, RequestInput, ValidationIssue } from '@rampart/openapi';
import { compileValidators } from '@rampart/openapi';
import { createConfigReader } from '../../create-config-reader.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import type { RequestContext } from '../../request-context.js';

/** `policies.request-validation`. */
export interface RequestValidationPolicyConfig {
  /** Validate requests (parameters and JSON bodies) and refuse mismatches with 400. Default true. */
  readonly request?: boolean;
  /**
   * Validate responses against the description: `log` (default) reports mismatches to the logger, `block`
   * answers 502 instead of a response that does not match, `off` skips it. JSON bodies above
   * `limits.maxResponseBufferBytes` are not validated.
   */
  readonly response?: 'off' | 'log' | 'block';
  /** Check `format` keywords (default true). */
  readonly formats?: boolean;
  /** Most issues listed in a 400 problem. Default 10. */
  readonly maxIssues?: number;
}

/** The query of a request without one (no `URLSearchParams` to build). */
const NO_QUERY: Readonly<Record<string, string>> = Object.freeze({});

/** An operation whose schemas do not compile: refused (fail closed) and logged once. */
const BROKEN = Symbol('broken');

/**
 * Request and response validation against the API description (OWASP API8/API4; CWE-20): parameters, content
 * types and JSON bodies are checked with the validators of `@rampart/openapi` (ajv), compiled lazily per
 * operation and cached. A request that does not match gets a 400 problem listing the issues (values of
 * secret-looking names are never echoed). An operation whose schemas cannot be compiled fails closed (500) and is
 * logged once, without affecting other operations. Responses are validated and mismatches logged or blocked.
 */
export const requestValidationPolicy = definePolicy<RequestValidationPolicyConfig>({
  id: 'request-validation',
  stage: 'validate-request',
  failMode: 'closed',
  description: 'Validates requests (400) and responses (log or 502) against the API description.',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['request', 'response', 'formats', 'maxIssues']);
    const validateRequests = r.bool('request', true);
    const responseMode = r.oneOf('response', ['off', 'log', 'block'], 'log');
    const formats = r.bool('formats', true);
    const maxIssues = r.int('maxIssues', 10, 1, 100);
    const model = context.model;
    if (!model) {
      r.problem('', 'needs routing.model: requests are validated against the API description');
      return undefined;
    }
    const factory = compileValidators(model, { formats });
    const logger = context.options.logger;
    const validators = new Map<Operation, OperationValidator | typeof BROKEN>();
    const validatorOf = (op: Operation): OperationValidator | typeof BROKEN => {
      let validator = validators.get(op);
      if (validator === undefined) {
        try {
          validator = factory(op);
        } catch (error) {
          validator = BROKEN;
          logger.warn(
            `gateway: request-validation cannot validate "${op.key}"; its requests are refused with 500 until the description is fixed: ${(error as Error).message}`,
          );
        }
        validators.set(op, validator);
      }
      return validator;
    };
    const cookieOperations = new WeakSet<Operation>(
      model.operations.filter((op) => op.parameters.some((p) => p.in === 'cookie')),
    );
    const broken: Denial = {
      status: 500,
      detail: 'This operation cannot be validated; the gateway refuses it until its description is fixed.',
      reason: "the operation's schemas do not compile (see the gateway log)",
    };

    const validate = (
      ctx: RequestContext,
      op: Operation,
      validator: OperationValidator,
      body: unknown,
    ): Denial | undefined => {
      const contentType = ctx.headers['content-type'];
      const input: { -readonly [K in keyof RequestInput]: RequestInput[K] } = {
        params: ctx.params,
        query: ctx.query === '' ? NO_QUERY : new URLSearchParams(ctx.query),
        headers: ctx.headers,
      };
      if (cookieOperations.has(op)) input.cookies = parseCookies(ctx.headers.cookie);
      if (contentType !== undefined) input.contentType = contentType;
      if (body !== undefined) input.body = body;
      const issues = validator.validateRequest(input);
      if (issues.length === 0) return undefined;
      const shown = issues.slice(0, maxIssues).map(publicIssue);
      return {
        status: 400,
        detail: `The request does not match the API description: ${shown.map((i) => i.message).join('; ')}.`,
        reason: `request validation: ${issues.length} issue(s): ${issues[0]?.message ?? ''}`,
        extensions: { errors: shown },
      };
    };

    return {
      request(ctx) {
        const op = ctx.operation;
        if (!op) return undefined;
        const validator = validatorOf(op);
        if (validator === BROKEN) return broken;
        if (responseMode !== 'off' && op.responses.some((x) => x.content.length > 0)) ctx.inspectResponse();
        if (!validateRequests) return undefined;
        if (!ctx.hasBody) return validate(ctx, op, validator, undefined);
        if (!isJson(ctx.headers['content-type'])) return validate(ctx, op, validator, '');
        return ctx.readJson().then((body) => validate(ctx, op, validator, body));
      },
      response:
        responseMode === 'off'
          ? undefined
          : async (ctx, response) => {
              const op = ctx.operation;
              if (!op) return undefined;
              const validator = validatorOf(op);
              if (validator === BROKEN) return undefined;
              let body: unknown;
              if (response.isJson) {
                const json = await response.readJson();
                if (json.state === 'json') body = json.value;
                else if (json.state !== 'empty') return undefined; // too large, compressed or not JSON: not checked
              }
              const contentType = response.headers['content-type'];
              const issues = validator.validateResponse(
                response.status,
                typeof contentType === 'string' ? contentType : undefined,
                body,
              );
              if (issues.length === 0) return undefined;
              const summary = issues
                .slice(0, 5)
                .map((i) => i.message)
                .join('; ');
              if (responseMode === 'log') {
                logger.warn(
                  `gateway: response ${response.status} of "${op.key}" (request ${ctx.id}) does not match the description: ${summary}`,
                );
                return undefined;
              }
              return {
                status: 502,
                detail: 'The upstream response does not match the API description.',
                reason: `response validation: ${summary}`,
              };
            },
    };
  },
});

function publicIssue(issue: ValidationIssue): {
  location: string;
  name?: string;
  pointer: string;
  message: string;
} {
  return {
    location: issue.location,
    ...(issue.name !== undefined ? { name: issue.name } : {}),
    pointer: issue.pointer,
    message: issue.message,
  };
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !Object.hasOwn(cookies, name)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}
