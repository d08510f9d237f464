import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  it('reads flags, which win over the environment', () => {
    const command = parseCliArgs(['--port', '0', '--disable', 'api1-account-bola, api9-debug-vars'], {
      BANK_PORT: '9000',
      BANK_ONLY: 'api1-account-bola,api9-debug-vars,api8-trace-enabled',
      BANK_CANARY_URL: 'http://127.0.0.1:7000',
    });
    expect(command.port).toBe(0);
    expect(command.options).toEqual({
      secure: false,
      disabled: ['api1-account-bola', 'api9-debug-vars'],
      enabled: ['api1-account-bola', 'api9-debug-vars', 'api8-trace-enabled'],
      canaryUrl: 'http://127.0.0.1:7000',
    });
  });

  it('reads BANK_SECURE and defaults the port to 8080', () => {
    const command = parseCliArgs([], { BANK_SECURE: '1' });
    expect(command.port).toBe(8080);
    expect(command.options.secure).toBe(true);
  });

  it('refuses other hosts and bad ports, saying what was given', () => {
    expect(() => parseCliArgs(['--host', '0.0.0.0'])).toThrow(/--host must be 127\.0\.0\.1.*"0\.0\.0\.0"/);
    expect(() => parseCliArgs(['--port', '80a'])).toThrow(/--port must be an integer.*"80a"/);
    expect(() => parseCliArgs(['--bogus'])).toThrow();
  });
});
