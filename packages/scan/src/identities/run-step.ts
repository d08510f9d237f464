import { type ErrorCode, RampartError } from '@rampart/core';
import type { ScanRequest, ScanResponse, ScanTransport } from '../transport/scan-transport.js';
import { buildStepRequest } from './build-step-request.js';
import { excerptResponseBody } from './excerpt-response-body.js';
import { extractStepValues } from './extract-step-values.js';
import type { LoginStep } from './identities-config.js';

/** How to run one declared step. */
export interface RunStepOptions {
  readonly step: LoginStep;
  /** Variables for the step's templates; what it extracts is added here. */
  readonly vars: Map<string, string>;
  readonly transport: ScanTransport;
  readonly target: string;
  /** The identity the request is tagged with (and, for messages, who sends it). */
  readonly identity: string;
  /** The subject of error messages: `identity "alice": login step 1 (POST /auth/login)`. */
  readonly where: string;
  /** The error code of failures. */
  readonly code: ErrorCode;
  /** What to do when the step answers an unexpected status. */
  readonly hint: string;
  /**
   * Also accept these answers besides the step's `expectStatus` (default: any 2xx); values are extracted only
   * from 2xx answers or statuses the step lists.
   */
  readonly alsoAccept?: (response: ScanResponse) => boolean;
  /** How the accepted answers read in a message (default: the step's statuses or "2xx"). */
  readonly expectedText?: string;
}

/** What one step did. */
export interface StepOutcome {
  readonly request: ScanRequest;
  readonly response: ScanResponse;
  /** False when the answer was accepted by `alsoAccept` only, so nothing was extracted. */
  readonly extracted: boolean;
}

/**
 * Sends one declared step and extracts its values into `vars`. Throws a `RampartError` with `code` that names
 * the step (`where`) and says what went wrong: the request could not be sent, the status was unexpected (with a
 * short redacted body excerpt), or an extract rule found nothing.
 */
export async function runStep(options: RunStepOptions): Promise<StepOutcome> {
  const { step, vars, where, code } = options;
  const request = buildStepRequest(step, vars, options.target, options.identity);
  let response: ScanResponse;
  try {
    response = await options.transport.send(request);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new RampartError(code, `${where} could not be sent: ${reason}`, {
      cause: error,
      hint: 'check the target URL and that the path is on it',
    });
  }
  const listed = step.expectStatus?.includes(response.status) ?? false;
  const expected = step.expectStatus ? listed : response.status >= 200 && response.status < 300;
  const accepted = expected || (options.alsoAccept?.(response) ?? false);
  if (!accepted) {
    const wanted = options.expectedText ?? step.expectStatus?.join(' or ') ?? '2xx';
    throw new RampartError(
      code,
      `${where} answered ${response.status}, expected ${wanted} (body: ${excerptResponseBody(response)})`,
      { hint: options.hint },
    );
  }
  if (!expected) return { request, response, extracted: false };
  const extracted = extractStepValues(step.extract ?? {}, response);
  if (!extracted.ok) {
    throw new RampartError(
      code,
      `${where} answered ${response.status} but its ${extracted.source} holds no value for {{${extracted.name}}} (body: ${excerptResponseBody(response)})`,
      { hint: 'fix the extract rule: the response does not have that field' },
    );
  }
  for (const [name, value] of extracted.values) vars.set(name, value);
  return { request, response, extracted: true };
}
