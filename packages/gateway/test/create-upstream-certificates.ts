import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away PKI for TLS towards upstreams; every entry is a file path. */
export interface UpstreamCertificates {
  readonly dir: string;
  /** The private CA that issues the upstream servers' and the gateway's client certificates. */
  readonly ca: string;
  /** Another CA that issued nothing used here: trusting it alone must fail verification. */
  readonly otherCa: string;
  /** Server certificate for `IP:127.0.0.1` (CN `upstream-ip`). */
  readonly serverIp: { readonly cert: string; readonly key: string };
  /** Server certificate for `DNS:upstream.internal` only (CN `upstream-named`). */
  readonly serverNamed: { readonly cert: string; readonly key: string };
  /** Client certificate of the gateway (CN `rampart-gateway`, SAN `URI:spiffe://test/rampart-gateway`). */
  readonly client: { readonly cert: string; readonly key: string };
  /** The client key encrypted with AES-256 under `passphrase`. */
  readonly encryptedClientKey: string;
  readonly passphrase: string;
  remove(): void;
}

/**
 * Generates the PKI with openssl (EC P-256, valid two days) into a temp dir. Nothing is committed; `remove()`
 * deletes it all.
 */
export function createUpstreamCertificates(): UpstreamCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-upstream-tls-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = (name: string) =>
    run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  const ca = (name: string, cn: string) => {
    key(name);
    run(
      'req',
      '-x509',
      '-new',
      '-key',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-subj',
      `/CN=${cn}`,
      '-days',
      '2',
    );
  };
  const leaf = (name: string, cn: string, san: string) => {
    key(name);
    run('req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}/O=Rampart Test`);
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  };
  ca('ca', 'Upstream Test CA');
  ca('other-ca', 'Other Test CA');
  leaf('server-ip', 'upstream-ip', 'IP:127.0.0.1');
  leaf('server-named', 'upstream-named', 'DNS:upstream.internal');
  leaf('client', 'rampart-gateway', 'URI:spiffe://test/rampart-gateway');
  const passphrase = 'correct horse battery staple';
  run(
    'pkey',
    '-in',
    'client.key',
    '-aes256',
    '-passout',
    `pass:${passphrase}`,
    '-out',
    'client-encrypted.key',
  );
  const pair = (name: string) => ({ cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) });
  return {
    dir,
    ca: join(dir, 'ca.crt'),
    otherCa: join(dir, 'other-ca.crt'),
    serverIp: pair('server-ip'),
    serverNamed: pair('server-named'),
    client: pair('client'),
    encryptedClientKey: join(dir, 'client-encrypted.key'),
    passphrase,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
