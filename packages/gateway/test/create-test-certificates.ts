import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  readonly dir: string;
  /** PEM file paths by name: `ca`, `server`, `server2` (another server cert), `clientA`, `clientB`, `rogueClient`. */
  readonly files: Record<string, { readonly cert: string; readonly key: string }>;
  remove(): void;
}

/**
 * Generates a throw-away PKI with openssl into a temp dir: a CA, two server certificates for 127.0.0.1, client
 * certificates `client-a` (SAN `URI:spiffe://test/client-a`) and `client-b` from that CA, and a client from a
 * rogue CA. Nothing is committed; `remove()` deletes it all.
 */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-gw-tls-'));
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
  const leaf = (name: string, cn: string, issuer: string, san: string) => {
    key(name);
    run('req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}/O=Rampart Test`);
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${issuer}.crt`,
      '-CAkey',
      `${issuer}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  };
  ca('ca', 'Rampart Test CA');
  ca('rogue-ca', 'Rogue CA');
  leaf('server', 'gateway-one', 'ca', 'IP:127.0.0.1,DNS:localhost');
  leaf('server2', 'gateway-two', 'ca', 'IP:127.0.0.1,DNS:localhost');
  leaf('client-a', 'client-a', 'ca', 'URI:spiffe://test/client-a');
  leaf('client-b', 'client-b', 'ca', 'DNS:client-b.test');
  leaf('rogue-client', 'client-a', 'rogue-ca', 'URI:spiffe://test/client-a');
  const pair = (name: string) => ({ cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) });
  return {
    dir,
    files: {
      ca: pair('ca'),
      server: pair('server'),
      server2: pair('server2'),
      clientA: pair('client-a'),
      clientB: pair('client-b'),
      rogueClient: pair('rogue-client'),
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
