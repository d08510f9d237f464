import { definePolicy } from '../../define-policy.js';

/**
 * Size limits that can be decided before anything else reads the request (OWASP API4, CWE-770): the request
 * target length (414) and the declared body size (413). Header bytes (431) and the header and request timeouts
 * (slowloris) are enforced by the listener; streamed bodies are counted while forwarding; JSON depth is checked
 * when a policy parses the body.
 */
export const limitsPolicy = definePolicy<undefined>({
  id: 'limits',
  stage: 'limits',
  failMode: 'closed',
  description: 'Refuses over-long request targets (414) and declared bodies above limits.maxBodyBytes (413).',
  compile(config, context) {
    if (config !== undefined)
      context.problem('', 'takes no configuration here; set the top-level "limits" option instead');
    const { maxUrlLength, maxBodyBytes } = context.options.limits;
    return (ctx) => {
      if (ctx.rawUrl.length > maxUrlLength)
        return {
          status: 414,
          detail: `The request target is longer than ${maxUrlLength} characters.`,
          reason: `request target of ${ctx.rawUrl.length} characters exceeds limits.maxUrlLength ${maxUrlLength}`,
        };
      if (ctx.contentLength !== undefined && ctx.contentLength > maxBodyBytes)
        return {
          status: 413,
          detail: `The request body is larger than ${maxBodyBytes} bytes.`,
          reason: `Content-Length ${ctx.contentLength} exceeds limits.maxBodyBytes ${maxBodyBytes}`,
        };
      return undefined;
    };
  },
});
