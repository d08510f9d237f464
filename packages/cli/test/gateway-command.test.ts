import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from './gateway-fixture.js';
import { runMain } from './run-main.js';

const SECRET = { BANK_JWT_SECRET: 'secret1' };

describe('rampart gateway / rampart up (command line)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-gateway-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const write = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    return name;
  };

  it('documents both commands in --help', async () => {
    const gateway = await runMain(['gateway', '--help']);
    expect(gateway.code).toBe(0);
    expect(gateway.stdout).toContain('rampart gateway [--config rampart.yaml] [--check] [--set key=value]');
    expect(gateway.stdout).toContain('SIGHUP');
    const up = await runMain(['up', '--help']);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('monitor');
    const all = await runMain(['--help']);
    expect(all.stdout).toMatch(/\bup\b[\s\S]*\bgateway\b/);
  });

  it('--check validates the demo configuration and its description without listening', async () => {
    const result = await runMain(['gateway', '--check', '--config', 'rampart.yaml'], {
      cwd: DEMO_DIR,
      env: SECRET,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /configuration is valid: 1 upstream\(s\), \d+ operations from openapi\.yaml/,
    );
    expect(result.stdout).toContain('0 warning(s)');
  });

  it('prints coded warnings for insecure settings, with their line', async () => {
    const file = await write(
      'insecure.yaml',
      [
        'gateway:',
        '  listen: { host: 0.0.0.0, port: 8080 }',
        '  upstreams: [{ url: "http://127.0.0.1:3000" }]',
        '  trustedProxies: [0.0.0.0/0]',
        '  admin: { listen: { host: 0.0.0.0 } }',
        '',
      ].join('\n'),
    );
    const result = await runMain(['gateway', '--check', '--config', file], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning \[gateway-plain-http-exposed\] high: .*\(insecure\.yaml:2:19\)/);
    expect(result.stderr).toMatch(/warning \[gateway-trusted-proxies-too-wide\] high: .*insecure\.yaml:4:20/);
    expect(result.stderr).toContain('[gateway-admin-exposed]');
    expect(result.stderr).toContain('[gateway-injection-not-blocking]');
    expect(result.stderr).toContain('[gateway-no-rate-limit]');
  });

  it('refuses to start without upstreams, with a missing secret, or with an unknown operation (exit 2, file:line)', async () => {
    const none = await runMain(
      ['gateway', '--check', '--config', await write('none.yaml', 'gateway: {}\n')],
      { cwd: dir },
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('gateway.upstreams: is empty');

    const demo = await runMain(['gateway', '--check', '--config', 'rampart.yaml'], { cwd: DEMO_DIR });
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(
      /gateway\.policies\.jwt\.issuers\[0\]\.secretFromEnv: names the environment variable BANK_JWT_SECRET, which is not set \(rampart\.yaml:\d+:\d+\)/,
    );

    const spec = join(DEMO_DIR, 'openapi.yaml');
    const unknownOperation = await write(
      'unknown-op.yaml',
      [
        'gateway:',
        '  upstreams: [{ url: "http://127.0.0.1:3000" }]',
        `  routing: { spec: ${JSON.stringify(spec)} }`,
        '  policies:',
        '    rate-limit:',
        '      quotas: [{ name: q, operations: [transferMoney], limit: 1, periodSeconds: 60 }]',
        '',
      ].join('\n'),
    );
    const bad = await runMain(['gateway', '--check', '--config', unknownOperation], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /gateway\.policies\.rate-limit\.quotas\[0\]\.operations: .*transferMoney.*unknown-op\.yaml:6/,
    );
  });

  it('reports an unknown policy key with a did-you-mean and a description that cannot be read', async () => {
    const typo = await write(
      'typo.yaml',
      'gateway:\n  upstreams: [{ url: "http://127.0.0.1:3000" }]\n  policies:\n    rate-limits: {}\n',
    );
    const result = await runMain(['up', '--check', '--config', typo], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /gateway\.policies\.rate-limits: unknown key; did you mean "rate-limit"\? \(typo\.yaml:4:5\)/,
    );

    const missing = await write(
      'missing-spec.yaml',
      'gateway:\n  upstreams: [{ url: "http://127.0.0.1:3000" }]\n  routing: { spec: nowhere.yaml }\n',
    );
    const noSpec = await runMain(['gateway', '--check', '--config', missing], { cwd: dir });
    expect(noSpec.code).toBe(2);
    expect(noSpec.stderr).toContain('nowhere.yaml');
  });

  it('sets gateway keys from the environment (RAMPART_GATEWAY_POLICIES_INJECTION_MODE)', async () => {
    const file = await write(
      'env.yaml',
      'gateway:\n  upstreams: [{ url: "http://127.0.0.1:3000" }]\n  policies:\n    injection: {}\n',
    );
    const result = await runMain(['gateway', '--check', '--config', file], {
      cwd: dir,
      env: { RAMPART_GATEWAY_POLICIES_INJECTION_MODE: 'observe' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('injection.mode is observe');
  });
});
