import { createOperationIndex } from '@rampart/openapi';
import { isRampartError } from '@rampart/core';
import { definePolicy } from '../../define-policy.js';

/**
 * Routes every request to an operation of the API description and refuses the rest (OWASP API9, no shadow
 * routes): an unknown path gets 404, a known path with an undeclared method 405 with `Allow`. `HEAD` is accepted
 * wherever `GET` is (RFC 9110 §9.3.2). Without a description the gateway forwards every path (passthrough).
 */
export const routePolicy = definePolicy<undefined>({
  id: 'route',
  stage: 'route',
  failMode: 'closed',
  description:
    'Matches requests to the operations of the API description; 404 for unknown paths, 405 for methods.',
  compile(config, context) {
    if (config !== undefined)
      context.problem('', 'takes no configuration here; set the top-level "routing" option instead');
    const { model, basePaths, caseInsensitive } = context.options.routing;
    if (!model) return undefined;
    let index: ReturnType<typeof createOperationIndex>;
    try {
      index = createOperationIndex(model.operations, {
        ...(basePaths ? { basePaths } : {}),
        caseSensitive: !caseInsensitive,
      });
    } catch (error) {
      const message = isRampartError(error) || error instanceof TypeError ? error.message : String(error);
      context.problem('', `the API description cannot be routed: ${message}`);
      return undefined;
    }
    return (ctx) => {
      const match =
        index.match(ctx.method, ctx.path) ??
        (ctx.method === 'HEAD' ? index.match('GET', ctx.path) : undefined);
      if (match) {
        ctx.operation = match.operation;
        ctx.route = match.operation.path;
        ctx.params = match.params;
        return undefined;
      }
      const allowed = index.allowedMethods(ctx.path);
      if (allowed.length === 0)
        return {
          status: 404,
          detail: 'No operation of this API matches the request path.',
          reason: `no operation matches ${ctx.path}`,
        };
      const allow = allowed.includes('GET') && !allowed.includes('HEAD') ? [...allowed, 'HEAD'] : allowed;
      return {
        status: 405,
        detail: `This path does not accept ${ctx.method}.`,
        reason: `${ctx.method} is not declared for ${ctx.path}`,
        headers: { allow: allow.join(', ') },
      };
    };
  },
});
