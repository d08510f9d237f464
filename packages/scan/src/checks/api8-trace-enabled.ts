import { randomBytes } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import type { ScanResponse } from '../transport/scan-transport.js';

export const api8TraceEnabled = defineCheck({
  id: 'api8-trace-enabled',
  title: 'HTTP TRACE enabled',
  severity: 'medium',
  owasp: 'API8',
  cwe: 693,
  description:
    'TRACE / is sent with a unique header. An answer that echoes it back means TRACE is on: it reflects ' +
    'request headers, credentials included, to whoever can make the browser or a proxy send one.',
  remediation: 'Disable TRACE (and TRACK) at the server or gateway; answer 405.',
  async run(ctx) {
    const marker = `rampart-${randomBytes(6).toString('hex')}`;
    const request = { method: 'TRACE', url: `${ctx.target}/`, headers: { 'x-rampart-trace': marker } };
    const judge = (r: ScanResponse) => r.status >= 200 && r.status < 300 && r.body.includes(marker);
    const response = await ctx.anonymous.send(request);
    if (!judge(response)) return;
    await ctx.report({
      method: 'TRACE',
      path: '/',
      message: `TRACE / answered ${response.status} and echoed the request headers back`,
      summary: `the TRACE answer (${response.headers['content-type'] ?? 'no content type'}) contains the unique header sent`,
      oracle: 'trace-echo',
      confidence: 'certain',
      responses: [response],
      tags: ['trace'],
      confirm: async () => judge(await ctx.anonymous.send(request)),
    });
  },
});
