import { joinTargetUrl } from '../join-target-url.js';
import type { ScanRequest } from '../transport/scan-transport.js';
import type { LoginStep } from './identities-config.js';
import { interpolateTemplate, interpolateTemplateDeep } from './interpolate-template.js';

/**
 * The request of one declared step (login, registration or flow) with its `{{variables}}` filled in: the path
 * joined to the target, `query` appended, a JSON body (`application/json`) or a form body
 * (`application/x-www-form-urlencoded`) unless the step sets its own content type.
 */
export function buildStepRequest(
  step: LoginStep,
  vars: ReadonlyMap<string, string>,
  target: string,
  identity: string,
): ScanRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {}))
    headers[name] = interpolateTemplate(value, vars);
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  let body: string | undefined;
  if (step.json !== undefined) {
    body = JSON.stringify(interpolateTemplateDeep(step.json, vars));
    if (!hasContentType) headers['content-type'] = 'application/json';
  } else if (step.form !== undefined) {
    body = new URLSearchParams(
      Object.entries(step.form).map(([k, v]): [string, string] => [k, interpolateTemplate(v, vars)]),
    ).toString();
    if (!hasContentType) headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  let path = interpolateTemplate(step.path, vars);
  if (step.query !== undefined && Object.keys(step.query).length > 0) {
    const query = new URLSearchParams(
      Object.entries(step.query).map(([k, v]): [string, string] => [k, interpolateTemplate(v, vars)]),
    ).toString();
    path = `${path}${path.includes('?') ? '&' : '?'}${query}`;
  }
  return {
    method: step.method.toUpperCase(),
    url: joinTargetUrl(target, path),
    headers,
    identity,
    ...(body === undefined ? {} : { body }),
  };
}
