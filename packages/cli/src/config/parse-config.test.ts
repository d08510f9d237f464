import { isSecret, RampartValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse-config.js';

function problemsOf(fn: () => unknown): RampartValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RampartValidationError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseConfig', () => {
  it('fills every default when there is no file', () => {
    const { config, file } = parseConfig();
    expect(file).toBeUndefined();
    expect(config.audit.failOn).toBe('high');
    expect(config.audit.formats).toEqual(['text']);
    expect(config.audit.rules).toEqual({ enable: [], disable: [], severity: {} });
    expect(config.scan).toEqual({ targets: [], rate: 10, budget: 10000, readOnly: true });
    expect(config.gateway.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.gateway.admin.listen.port).toBe(9901);
    expect(config.store).toEqual({ driver: 'sqlite', sqlite: { path: '.rampart/rampart.db' } });
    expect(config.console.listen.port).toBe(8090);
  });

  it('deep-freezes the result', () => {
    const { config } = parseConfig({ text: 'gateway:\n  upstreams:\n    - url: http://127.0.0.1:3000\n' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.gateway.upstreams)).toBe(true);
    expect(Object.isFrozen(config.gateway.upstreams[0])).toBe(true);
    expect(() => {
      (config.audit as { failOn: string }).failOn = 'low';
    }).toThrow(TypeError);
  });

  it('rejects an unknown key with a did-you-mean at the key position', () => {
    const error = problemsOf(() =>
      parseConfig({ file: 'rampart.yaml', text: 'audit:\n  rules: {}\n  failon: low\n' }),
    );
    expect(error.code).toBe('RAMPART_ERR_CONFIG_INVALID');
    expect(error.problems).toEqual([
      {
        path: 'audit.failon',
        message: 'unknown key; did you mean "failOn"?',
        hint: 'rename it to "failOn"',
        location: { file: 'rampart.yaml', line: 3, column: 3 },
      },
    ]);
    expect(error.message).toContain('audit.failon: unknown key; did you mean "failOn"? (rampart.yaml:3:3)');
  });

  it('lists the allowed keys when nothing is close', () => {
    const error = problemsOf(() => parseConfig({ text: 'scanner:\n  x: 1\n' }));
    expect(error.problems[0]?.path).toBe('scanner');
    expect(error.problems[0]?.message).toBe('unknown key');
    expect(error.problems[0]?.hint).toContain('audit, scan, gateway, monitor, store, console');
  });

  it('names the path, the value and the fix for a wrong type, at the value position', () => {
    const error = problemsOf(() =>
      parseConfig({ file: 'r.yaml', text: 'gateway:\n  listen:\n    port: eighty\n' }),
    );
    expect(error.problems).toHaveLength(1);
    const [problem] = error.problems;
    expect(problem?.path).toBe('gateway.listen.port');
    expect(problem?.message).toBe('must be a whole number, got "eighty"');
    expect(problem?.hint).toBe(
      'write a whole number, e.g. 8080 (TCP port the gateway listens on; 0 picks a free port.)',
    );
    expect(problem?.location).toEqual({ file: 'r.yaml', line: 3, column: 11 });
  });

  it('lists every problem at once, each with its line', () => {
    const text = [
      'audit:',
      '  failOn: hgh',
      '  formats: [text, pdf]',
      'gateway:',
      '  upstreams:',
      '    - url: localhost:3000',
      '    - name: no-url',
      'scan:',
      '  readOnly: yes',
      '  rate: 0',
      '',
    ].join('\n');
    const error = problemsOf(() => parseConfig({ text }));
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual([
      'audit.failOn',
      'audit.formats[1]',
      'gateway.upstreams[0].url',
      'gateway.upstreams[1].url',
      'scan.rate',
      'scan.readOnly',
    ]);
    expect(byPath['audit.failOn']?.message).toBe(
      'must be one of info, low, medium, high, critical, none, got "hgh"; did you mean "high"?',
    );
    expect(byPath['audit.failOn']?.location?.line).toBe(2);
    expect(byPath['audit.formats[1]']?.location).toMatchObject({ line: 3, column: 19 });
    expect(byPath['gateway.upstreams[0].url']?.message).toBe(
      'must be an absolute http(s) URL such as "https://api.example.com", got "localhost:3000"',
    );
    expect(byPath['gateway.upstreams[0].url']?.location?.line).toBe(6);
    expect(byPath['gateway.upstreams[1].url']?.message).toBe('is missing; it is required');
    expect(byPath['gateway.upstreams[1].url']?.location?.line).toBe(7);
    expect(byPath['scan.readOnly']?.message).toBe('must be true or false, got "yes"');
    expect(byPath['scan.rate']?.message).toBe('must be > 0, got 0');
    expect(error.message.split('\n')[0]).toBe('invalid configuration in rampart.yaml: 6 problems');
  });

  it('reports invalid YAML with line and column', () => {
    const error = problemsOf(() => parseConfig({ file: 'bad.yaml', text: 'audit:\n  failOn: [high\n' }));
    expect(error.code).toBe('RAMPART_ERR_CONFIG_INVALID');
    expect(error.problems[0]?.path).toBe('(yaml)');
    expect(error.problems[0]?.location?.file).toBe('bad.yaml');
    expect(error.problems[0]?.location?.line).toBeGreaterThanOrEqual(2);
    const dup = problemsOf(() => parseConfig({ text: 'audit: {}\naudit: {}\n' }));
    expect(dup.problems[0]?.message).toMatch(/unique/i);
    expect(dup.problems[0]?.location).toMatchObject({ line: 2, column: 1 });
  });

  it('rejects a top level that is not a mapping', () => {
    const error = problemsOf(() => parseConfig({ text: '- audit\n' }));
    expect(error.problems[0]?.message).toContain('got a list');
  });

  it('treats an empty file as all defaults', () => {
    expect(parseConfig({ text: '' }).config.audit.failOn).toBe('high');
    expect(parseConfig({ text: '# nothing yet\n' }).config.store.driver).toBe('sqlite');
  });

  it('applies precedence flag > environment > file > default', () => {
    const text = 'audit:\n  failOn: low\ngateway:\n  listen:\n    port: 7000\n';
    expect(parseConfig({ text }).config.audit.failOn).toBe('low');
    const env = { RAMPART_AUDIT_FAIL_ON: 'medium', RAMPART_GATEWAY_LISTEN_PORT: '7100' };
    const fromEnv = parseConfig({ text, env });
    expect(fromEnv.config.audit.failOn).toBe('medium');
    expect(fromEnv.config.gateway.listen.port).toBe(7100);
    expect(fromEnv.overridden.get('audit.failOn')).toBe('RAMPART_AUDIT_FAIL_ON');
    const fromFlag = parseConfig({
      text,
      env,
      overrides: [{ key: 'audit.failOn', value: 'critical', origin: '--fail-on' }],
    });
    expect(fromFlag.config.audit.failOn).toBe('critical');
    expect(fromFlag.config.gateway.listen.port).toBe(7100);
    expect(fromFlag.overridden.get('audit.failOn')).toBe('--fail-on');
    // A key nobody set keeps its default.
    expect(fromFlag.config.scan.budget).toBe(10000);
  });

  it('converts environment text to the key type', () => {
    const { config } = parseConfig({
      env: {
        RAMPART_SCAN_READ_ONLY: 'false',
        RAMPART_SCAN_RATE: '2.5',
        RAMPART_SCAN_TARGETS: 'https://a.example, https://b.example',
        RAMPART_STORE_SQLITE_PATH: '/var/lib/rampart/r.db',
        RAMPART_AUDIT_FAIL_ON: '',
      },
    });
    expect(config.scan.readOnly).toBe(false);
    expect(config.scan.rate).toBe(2.5);
    expect(config.scan.targets).toEqual(['https://a.example', 'https://b.example']);
    expect(config.store.sqlite.path).toBe('/var/lib/rampart/r.db');
    expect(config.audit.failOn).toBe('high');
  });

  it('names the environment variable that set a bad value', () => {
    const error = problemsOf(() => parseConfig({ env: { RAMPART_GATEWAY_LISTEN_PORT: 'http' } }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'gateway.listen.port',
        message: 'must be a whole number, got "http" (set by RAMPART_GATEWAY_LISTEN_PORT)',
      }),
    ]);
    expect(error.message.split('\n')[0]).toBe('invalid configuration: 1 problem');
  });

  it('warns about unknown RAMPART_ variables with a suggestion', () => {
    const { warnings } = parseConfig({
      env: { RAMPART_AUDIT_FAILON: 'low', RAMPART_DEBUG: '1', HOME: '/root' },
    });
    expect(warnings).toEqual([
      'environment variable RAMPART_AUDIT_FAILON is not a Rampart setting and is ignored; did you mean RAMPART_AUDIT_FAIL_ON?',
    ]);
  });

  it('rejects overrides of keys that flags cannot set', () => {
    const error = problemsOf(() =>
      parseConfig({ overrides: [{ key: 'audit.failon', value: 'low', origin: '--set audit.failon' }] }),
    );
    expect(error.problems[0]?.message).toContain('did you mean "audit.failOn"?');
  });

  it('wraps secrets and never shows them in errors', () => {
    const url = 'postgres://rampart:hunter2@db.internal/rampart';
    const { config } = parseConfig({ text: `store:\n  driver: postgres\n  postgres:\n    url: ${url}\n` });
    expect(isSecret(config.store.postgres?.url)).toBe(true);
    expect(config.store.postgres?.url.reveal()).toBe(url);
    expect(JSON.stringify(config)).not.toContain('hunter2');

    const error = problemsOf(() =>
      parseConfig({ env: { RAMPART_STORE_POSTGRES_URL: 'mysql://u:hunter2@h/d' } }),
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.problems[0]?.message).toContain('got [redacted]');
    const short = problemsOf(() => parseConfig({ text: 'console:\n  sessionSecret: tooshort-hunter2\n' }));
    expect(short.message).not.toContain('hunter2');
  });

  it('requires the postgres URL when the driver is postgres', () => {
    const error = problemsOf(() => parseConfig({ text: 'store:\n  driver: postgres\n' }));
    expect(error.problems[0]?.path).toBe('store.postgres');
    expect(error.problems[0]?.message).toContain('is missing; it is required when driver is "postgres"');
  });
});
