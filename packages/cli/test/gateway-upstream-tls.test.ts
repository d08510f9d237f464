import { execFileSync } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { RampartValidationError } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { type GatewayService, startGatewayService } from '../src/start-gateway-service.js';
import { runMain } from './run-main.js';

const PASSPHRASE = 'upstream key passphrase 7f3a';

/**
 * A temp dir `<root>/conf/` holding `rampart.yaml` and `certs/` (a CA, a server certificate for 127.0.0.1, two
 * client certificates `gateway-one` and `gateway-two`, whose keys are encrypted with PASSPHRASE). The working
 * directory of the tests is `<root>`, so the relative paths in the file resolve only against the file's folder.
 */
function createPki(root: string): string {
  const certs = join(root, 'conf', 'certs');
  mkdirSync(certs, { recursive: true });
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
  const key = (name: string) =>
    run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  key('ca');
  run('req', '-x509', '-new', '-key', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=CLI Test CA', '-days', '2');
  const leaf = (name: string, san: string) => {
    key(name);
    run('req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    writeFileSync(join(certs, `${name}.ext`), `subjectAltName=${san}\n`);
    run(
      ...['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'],
      ...['-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`],
    );
  };
  leaf('server', 'IP:127.0.0.1');
  for (const client of ['gateway-one', 'gateway-two']) {
    leaf(client, `DNS:${client}.test`);
    run(
      'pkey',
      '-in',
      `${client}.key`,
      '-aes256',
      '-passout',
      `pass:${PASSPHRASE}`,
      '-out',
      `${client}.enc.key`,
    );
  }
  copyFileSync(join(certs, 'gateway-one.crt'), join(certs, 'client.crt'));
  copyFileSync(join(certs, 'gateway-one.enc.key'), join(certs, 'client.key'));
  return certs;
}

describe('rampart.yaml: TLS towards upstreams', () => {
  let root: string;
  let certs: string;
  let upstream: Server;
  let upstreamUrl: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rampart-cli-upstream-tls-'));
    certs = createPki(root);
    // requires a client certificate from the CA and answers with its common name
    upstream = createServer(
      {
        cert: readFileSync(join(certs, 'server.crt')),
        key: readFileSync(join(certs, 'server.key')),
        ca: readFileSync(join(certs, 'ca.crt')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, clientCn: peer.subject?.CN }));
      },
    );
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    upstreamUrl = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  const writeConfig = (name: string, tls: string[]) => {
    writeFileSync(
      join(root, 'conf', name),
      [
        'gateway:',
        '  listen: { host: 127.0.0.1, port: 0 }',
        '  admin: { enabled: false }',
        '  reload: { debounceMs: 50 }',
        '  upstreams:',
        `    - url: ${upstreamUrl}`,
        '      tls:',
        ...tls.map((line) => `        ${line}`),
        'store:',
        '  sqlite: { path: events.db }',
        '',
      ].join('\n'),
    );
    return join('conf', name);
  };

  it('proxies over mutual TLS with files relative to the configuration file, and reloads rotated certificates', async () => {
    const file = writeConfig('mtls.yaml', [
      'caFile: certs/ca.crt',
      'certFile: certs/client.crt',
      'keyFile: certs/client.key',
      'passphraseFromEnv: UPSTREAM_KEY_PASSPHRASE',
    ]);
    const env = { UPSTREAM_KEY_PASSPHRASE: PASSPHRASE };
    let logged = '';
    const service: GatewayService = await startGatewayService({
      loadConfig: () => loadConfig({ file, env, cwd: root }),
      cwd: root,
      env,
      log: { write: (text: string) => (logged += text) },
      signals: new EventEmitter(),
    });
    try {
      const first = await fetch(`${service.url}/orders/7`);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ path: '/orders/7', clientCn: 'gateway-one' });

      // rotation: new certificate and key land in place; the watcher reloads and new connections use them
      copyFileSync(join(certs, 'gateway-two.enc.key'), join(certs, 'client.key'));
      copyFileSync(join(certs, 'gateway-two.crt'), join(certs, 'client.crt'));
      let cn = 'gateway-one';
      for (let i = 0; i < 200 && cn !== 'gateway-two'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        cn = ((await (await fetch(`${service.url}/again`)).json()) as { clientCn: string }).clientCn;
      }
      expect(cn).toBe('gateway-two');
      expect(logged).toMatch(/configuration reloaded \(client\.(crt|key) changed\)/);
      expect(logged).not.toContain(PASSPHRASE);
    } finally {
      await service.close();
      copyFileSync(join(certs, 'gateway-one.crt'), join(certs, 'client.crt'));
      copyFileSync(join(certs, 'gateway-one.enc.key'), join(certs, 'client.key'));
    }
  });

  it('names the setting, its line and the file when a TLS file cannot be read (gateway --check, exit 2)', async () => {
    const file = writeConfig('missing.yaml', [
      'caFile: certs/ca.crt',
      'certFile: certs/nope.crt',
      'keyFile: certs/client.key',
    ]);
    const result = await runMain(['gateway', '--check', '--config', file], {
      cwd: root,
      env: {},
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `gateway.upstreams[0].tls.certFile: cannot be read (ENOENT): "${join(certs, 'nope.crt')}"`,
    );
    expect(result.stderr).toMatch(/missing\.yaml:9:\d+/);
    expect(result.stderr).toContain('give a readable PEM file');
  });

  it('reports a wrong passphrase on keyFile without printing it, and a passphrase variable that is not set', async () => {
    const file = writeConfig('bad-key.yaml', [
      'caFile: certs/ca.crt',
      'certFile: certs/client.crt',
      'keyFile: certs/client.key',
      'passphrase: "not the right one"',
    ]);
    const wrong = await runMain(['gateway', '--check', '--config', file], { cwd: root, env: {} });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /gateway\.upstreams\[0\]\.tls\.keyFile: .*client\.key.* cannot be used with/,
    );
    expect(wrong.stderr).not.toContain('not the right one');

    const shown = await runMain(['config', 'show', '--format', 'json', '--config', file], {
      cwd: root,
      env: {},
    });
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain('not the right one');
    expect(shown.stdout).toContain('"passphrase": "[redacted]"');

    const unset = writeConfig('unset.yaml', [
      'certFile: certs/client.crt',
      'keyFile: certs/client.key',
      'passphraseFromEnv: NOT_SET_PASSPHRASE',
    ]);
    const missing = await runMain(['gateway', '--check', '--config', unset], { cwd: root, env: {} });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /gateway\.upstreams\[0\]\.tls\.passphraseFromEnv: names the environment variable NOT_SET_PASSPHRASE, which is not set \(conf\/unset\.yaml:\d+:\d+\)/,
    );
  });

  it('refuses a tls block on an http:// upstream, at its line', async () => {
    writeFileSync(
      join(root, 'conf', 'plain.yaml'),
      [
        'gateway:',
        '  upstreams:',
        '    - url: http://10.0.0.7:8080',
        '      tls: { caFile: certs/ca.crt }',
        '',
      ].join('\n'),
    );
    const loaded = await loadConfig({ file: join('conf', 'plain.yaml'), env: {}, cwd: root });
    const error = await startGatewayService({
      loadConfig: async () => loaded,
      cwd: root,
      env: {},
      log: { write: () => true },
      signals: new EventEmitter(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RampartValidationError);
    const problems = (error as RampartValidationError).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'gateway.upstreams[0].tls',
        message: 'applies to https:// upstreams only, but the url is "http://10.0.0.7:8080/"',
        location: expect.objectContaining({ line: 4 }),
      }),
    ]);
  });
});
