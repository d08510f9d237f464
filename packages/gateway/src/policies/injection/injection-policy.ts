import {
  createInjectionInspector,
  type InjectionClass,
  type InjectionHit,
  type InjectionInspector,
  type InspectInput,
} from '@rampart/injection';
import { createConfigReader } from '../../create-config-reader.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import type { RequestContext } from '../../request-context.js';
import { withoutJwtBearer } from './without-jwt-bearer.js';

/** `policies.injection`. */
export interface InjectionPolicyConfig {
  /** `block` (default) refuses with 403; `observe` lets the request through and marks its event `observe`. */
  readonly mode?: 'block' | 'observe';
  /** 1 (default): few false positives; 3: most sensitive. */
  readonly paranoia?: 1 | 2 | 3;
  /** Classes looked for. Default: all of `@rampart/injection`. */
  readonly classes?: readonly InjectionClass[];
  /** Inspect request headers and cookies. Default true. */
  readonly headers?: boolean;
  /** Inspect JSON, form, text and XML bodies (buffered up to `limits.maxBodyBytes`). Default true. */
  readonly body?: boolean;
}

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

const TEXT_BODY =
  /^(application\/(x-www-form-urlencoded|xml|([\w.+-]*\+)?(json|xml))|text\/[\w.+-]+)\s*(;|$)/i;

/**
 * Injection inspection (OWASP API8/API10; CWE-74) with the detectors shared with the monitor
 * (`@rampart/injection`): the request target, query, headers, cookies and body are decoded (URL, HTML, base64,
 * JSON layers) and matched per injection class. In `block` mode a hit refuses the request with 403; in `observe`
 * mode it only marks the event (`verdict: observe`). The event's reason names the classes, rules and locations,
 * never the matched text.
 */
export const injectionPolicy = definePolicy<InjectionPolicyConfig>({
  id: 'injection',
  stage: 'validate-request',
  failMode: 'closed',
  description:
    'Inspects requests for SQL, NoSQL, command, template, JNDI and other injections (block or observe).',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['mode', 'paranoia', 'classes', 'headers', 'body']);
    const observe = r.oneOf('mode', ['block', 'observe'], 'block') === 'observe';
    const paranoia = r.int('paranoia', 1, 1, 3) as 1 | 2 | 3;
    const classes = r.strings('classes') as InjectionClass[] | undefined;
    const inspectHeaders = r.bool('headers', true);
    const inspectBody = r.bool('body', true);
    let inspector: InjectionInspector;
    try {
      inspector = createInjectionInspector({ paranoia, ...(classes ? { classes } : {}) });
    } catch (error) {
      r.problem('classes', (error as Error).message);
      return undefined;
    }

    const judge = (ctx: RequestContext, hits: readonly InjectionHit[]): Denial | undefined => {
      if (hits.length === 0) return undefined;
      const reason = `injection: ${hits
        .slice(0, 3)
        .map((h) => `${h.class} (${h.ruleId}, score ${h.score.toFixed(2)}) in ${h.location.slice(0, 80)}`)
        .join('; ')}`;
      if (observe) {
        ctx.observe('injection', reason);
        return undefined;
      }
      return { status: 403, detail: 'The request was refused by the injection inspection.', reason };
    };

    return (ctx) => {
      const input: { path: string; headers?: NonNullable<InspectInput['headers']>; body?: unknown } = {
        path: ctx.rawUrl,
      };
      if (inspectHeaders) input.headers = withoutJwtBearer(ctx.headers);
      const type = ctx.headers['content-type'];
      if (!inspectBody || !ctx.hasBody || typeof type !== 'string' || !TEXT_BODY.test(type))
        return judge(ctx, inspector.inspect(input));
      const json = JSON_TYPE.test(type);
      const body = json ? ctx.readJson() : ctx.readBody().then((buffer) => buffer.toString('utf8'));
      return body.then((value) => {
        input.body = value;
        return judge(ctx, inspector.inspect(input));
      });
    };
  },
});
