import { randomBytes } from 'node:crypto';
import { isRampartError, RampartError } from '@rampart/core';
import type { ApiModel, Operation } from '@rampart/openapi';
import type { Baseline } from '../check-context.js';
import { buildOperationRequest } from '../explore/build-operation-request.js';
import { harvestJson, harvestLocation } from '../explore/harvest-values.js';
import { nameResource, normalizeFieldName } from '../explore/name-resource.js';
import type { ValuePool } from '../explore/value-pool.js';
import type { FlowConfig, FlowStep } from '../identities/identities-config.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { interpolateTemplate } from '../identities/interpolate-template.js';
import { runStep } from '../identities/run-step.js';
import { joinTargetUrl } from '../join-target-url.js';
import { locateRequest } from '../locate-request.js';
import type { OwnershipLedger } from '../ownership-ledger.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { isSafeMethod } from '../transport/with-read-only.js';

/** What running the explicit flows needs: the scan's shared state they feed. */
export interface RunFlowsInput {
  readonly flows: readonly FlowConfig[];
  readonly model: ApiModel;
  readonly target: string;
  readonly sessions: readonly IdentitySession[];
  readonly values: ValuePool;
  readonly ledger: OwnershipLedger;
  readonly baselines: Baseline[];
  /** The ownership marker of an identity, for `{{marker}}`. */
  readonly marker: (identity: string) => string;
  readonly scanId: string;
  /** Flows with a non-safe step are skipped (with a warning) in a read-only scan. */
  readonly readOnly: boolean;
  /** Coverage warnings: skipped flows, optional flows that failed, created objects nobody can delete. */
  readonly warn: (message: string) => void;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Numeric ids stay numbers, as they are in JSON responses. */
const toPoolValue = (value: string): string | number => (/^\d{1,15}$/.test(value) ? Number(value) : value);

/** The resource a variable names (`accountId` → `account`), if its name ends in `id`. */
function resourceOfVariable(name: string): string | undefined {
  const key = normalizeFieldName(name);
  return key.length > 2 && key.endsWith('id') ? key.slice(0, -2) : undefined;
}

/**
 * Runs the explicit flows of identities.yaml in order, each step as its identity (with that identity's
 * credentials and session refresh). What a step yields enters the scan's state for that identity, as if
 * exploration had seen it: its JSON body and `Location` are harvested into the value pool, its extracted
 * variables are pooled under their names (`accountId` → `accountid`; `id` also as `<resource>id`), described
 * operations get a baseline, and a successful POST or PUT records the object in the ownership ledger as created
 * by the identity, with its `cleanup` request (declared, or the collection's `DELETE …/{id}`) so it is deleted
 * at the end with the rest, newest first. A failing step stops the scan (`RAMPART_ERR_SCAN_FLOW`, naming the
 * flow, step, status and a redacted excerpt) unless the flow is `optional`, which makes it a warning.
 */
export async function runFlows(input: RunFlowsInput): Promise<void> {
  for (const flow of input.flows) {
    const unsafe = flow.steps.find((step) => !isSafeMethod(step.method));
    if (input.readOnly && unsafe !== undefined) {
      input.warn(
        `flow "${flow.name}" skipped: the scan is read-only and its step ${unsafe.method} ${unsafe.path} writes (add --allow-writes to run it)`,
      );
      continue;
    }
    try {
      await runFlow(flow, input);
    } catch (error) {
      if (!flow.optional || !isRampartError(error)) throw error;
      input.warn(`optional ${error.message.split('\n', 1)[0]}`);
    }
  }
}

async function runFlow(flow: FlowConfig, input: RunFlowsInput): Promise<void> {
  const vars = new Map<string, string>([
    ['random', randomBytes(4).toString('hex')],
    ['scanId', input.scanId],
  ]);
  for (const [index, step] of flow.steps.entries()) {
    const where = `flow "${flow.name}" step ${index + 1} (${step.name ?? `${step.method} ${step.path}`}) as ${step.as}`;
    const session = input.sessions.find((s) => s.name === step.as);
    if (session === undefined) {
      throw new RampartError(
        'RAMPART_ERR_SCAN_FLOW',
        `${where}: there is no identity "${step.as}" in this scan`,
        {
          hint: `use one of ${input.sessions.map((s) => s.name).join(', ')}`,
        },
      );
    }
    vars.set('identity', session.name);
    vars.set('marker', input.marker(session.name));
    const outcome = await runStep({
      step,
      vars,
      transport: { send: (request) => session.send(request) },
      target: input.target,
      identity: session.name,
      where,
      code: 'RAMPART_ERR_SCAN_FLOW',
      hint: 'check the step in identities.yaml (path, body, identity, expect); optional: true makes a failing flow a warning',
    });
    record(flow, index, step, outcome.request, outcome.response, vars, session, input);
  }
}

/** Feeds one successful step's answer into the value pool, the baselines and the ownership ledger. */
function record(
  flow: FlowConfig,
  index: number,
  step: FlowStep,
  request: ScanRequest,
  response: ScanResponse,
  vars: ReadonlyMap<string, string>,
  session: IdentitySession,
  input: RunFlowsInput,
): void {
  const source = `flow ${flow.name}`;
  const located = locateRequest(input.model, input.target, request);
  const operation: Operation | undefined = 'operation' in located ? located.operation : undefined;
  const pathTemplate = 'operation' in located ? located.operation.path : located.path;
  if (operation !== undefined) input.baselines.push({ identity: session.name, operation, response });
  const identity = session.name;
  const resource = step.resource ?? nameResource(pathTemplate) ?? 'object';
  const body = parseJson(response.body);
  if (response.status >= 200 && response.status < 300) {
    for (const value of harvestJson(body, pathTemplate, identity, source)) input.values.add(value);
  }
  const location = response.headers['location'];
  if (location !== undefined)
    for (const value of harvestLocation(location, identity, source)) input.values.add(value);

  const ids: Array<{ resource: string; id: string | number }> = [];
  for (const name of Object.keys(step.extract ?? {})) {
    const raw = vars.get(name);
    if (raw === undefined) continue;
    const value = toPoolValue(raw);
    const key = normalizeFieldName(name);
    const named = resourceOfVariable(name);
    const owner = step.resource ?? named ?? resource;
    input.values.add({ key, value, identity, resource: owner, source });
    if (key === 'id') input.values.add({ key: `${resource}id`, value, identity, resource, source });
    if (key === 'id' || named !== undefined)
      ids.push({ resource: key === 'id' ? resource : owner, id: value });
  }

  const method = step.method.toUpperCase();
  const created = (method === 'POST' || method === 'PUT') && response.status >= 200 && response.status < 300;
  if (!created) {
    for (const { resource: kind, id } of ids) {
      input.ledger.record({ identity, resource: kind, id, created: false, source });
    }
    return;
  }
  // The created object: an extracted id of the step's resource, else the body's id, else the Location's.
  const topId =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)['id']
      : undefined;
  const chosen =
    ids.find((i) => i.resource === resource) ??
    ids[0] ??
    (typeof topId === 'string' || typeof topId === 'number'
      ? { resource, id: topId }
      : location !== undefined
        ? harvestLocation(location, identity, source)
            .filter((v) => v.key === 'id')
            .map((v) => ({ resource: v.resource ?? resource, id: v.value }))[0]
        : undefined);
  if (chosen === undefined) {
    if (step.cleanup !== undefined) {
      input.ledger.record({
        identity,
        resource,
        id: `${flow.name}#${index + 1}`,
        created: true,
        source,
        cleanup: cleanupRequest(step.cleanup, vars, input.target),
      });
    }
    return;
  }
  const marker = input.marker(identity);
  const cleanup =
    step.cleanup !== undefined
      ? cleanupRequest(step.cleanup, vars, input.target)
      : inferCleanup(input.model, input.target, operation, chosen.id);
  if (cleanup === undefined) {
    input.warn(
      `flow "${flow.name}" step ${index + 1} created ${chosen.resource} ${chosen.id} as ${identity} and nothing in the description deletes it: it stays on the target (declare cleanup: { method: DELETE, path: … } on the step)`,
    );
  }
  input.ledger.record({
    identity,
    resource: chosen.resource,
    id: chosen.id,
    created: true,
    source,
    ...(request.body?.includes(marker) ? { marker } : {}),
    ...(cleanup === undefined ? {} : { cleanup }),
  });
}

function cleanupRequest(
  cleanup: NonNullable<FlowStep['cleanup']>,
  vars: ReadonlyMap<string, string>,
  target: string,
): ScanRequest {
  return { method: cleanup.method, url: joinTargetUrl(target, interpolateTemplate(cleanup.path, vars)) };
}

/** `DELETE /things/{id}` for an object created by `POST /things`, as exploration does. */
function inferCleanup(
  model: ApiModel,
  target: string,
  operation: Operation | undefined,
  id: string | number,
): ScanRequest | undefined {
  if (operation === undefined || operation.method !== 'post') return undefined;
  const item = model.operations.find(
    (other) =>
      other.method === 'delete' &&
      other.path.startsWith(`${operation.path}/{`) &&
      other.path.indexOf('}') === other.path.length - 1,
  );
  const param = item?.parameters.find((p) => p.in === 'path');
  return item && param ? buildOperationRequest(item, target, { path: { [param.name]: id } }) : undefined;
}
