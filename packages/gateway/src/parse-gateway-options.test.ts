import { RampartValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import type { GatewayOptions } from './gateway-options.js';
import { parseGatewayOptions } from './parse-gateway-options.js';

const problemsOf = (options: unknown): string[] => {
  try {
    parseGatewayOptions(options as GatewayOptions);
  } catch (error) {
    if (error instanceof RampartValidationError)
      return error.problems.map((p) => `${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    throw error;
  }
  return [];
};

describe('parseGatewayOptions', () => {
  it('fills in defaults and freezes the result', () => {
    const o = parseGatewayOptions({ upstreams: ['http://127.0.0.1:3000'] });
    expect(o.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(o.adminListen).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(o.limits.maxHeaderBytes).toBe(16_384);
    expect(o.proxy.retries).toBe(1);
    expect(o.upstreams[0]?.url.href).toBe('http://127.0.0.1:3000/');
    expect(Object.isFrozen(o)).toBe(true);
  });

  it('lists every problem with its path, the value and a fix in one error', () => {
    const problems = problemsOf({
      upstreams: ['localhost:3000', { url: 'ftp://x' }, { url: 'http://a', wieght: 2 }],
      trustedProxies: ['10.0.0.0/33'],
      limits: { maxBodyBytes: -1, headersTimeoutMs: 5000, requestTimeoutMs: 1000 },
      tls: { certFile: 'a.pem', minVersion: 'TLSv1.1' },
      lisen: { port: 1 },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'upstreams[0].url: must be an absolute http(s) URL, got "localhost:3000"',
        'upstreams[1].url: must be an absolute http(s) URL, got "ftp://x"',
        'upstreams[2].wieght: is not a known option (did you mean "weight"?)',
        expect.stringMatching(
          /^trustedProxies\[0\]: must be an IP address or CIDR range: "10.0.0.0\/33" has an invalid prefix length/,
        ),
        'limits.maxBodyBytes: must be an integer from 0 to 1099511627776, got -1',
        'limits.headersTimeoutMs: must not exceed limits.requestTimeoutMs (1000), got 5000',
        'tls.keyFile: must be the path of a PEM file, got nothing',
        'tls.minVersion: must be "TLSv1.2" or "TLSv1.3", got "TLSv1.1" (older versions are unsafe)',
        'lisen: is not a known option (did you mean "listen"?)',
      ]),
    );
    expect(problems).toHaveLength(9);
  });

  it('throws TypeError for programming mistakes', () => {
    expect(() => parseGatewayOptions(null as unknown as GatewayOptions)).toThrow(TypeError);
    expect(() => parseGatewayOptions({ upstreams: ['http://a'], eventSink: {} as never })).toThrow(
      /eventSink must be an EventSink/,
    );
    expect(() =>
      parseGatewayOptions({ upstreams: ['http://a'], customPolicies: [{ id: 'x' }] as never }),
    ).toThrow(/definePolicy/);
  });

  it('requires at least one upstream', () => {
    expect(problemsOf({})).toEqual(['upstreams: must be a non-empty list of upstream URLs, got nothing']);
  });
});
