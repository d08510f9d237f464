import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away PKI being built with openssl in a temp dir (EC P-256 keys, certificates valid two days). */
export interface TestPki {
  readonly dir: string;
  /** Runs openssl in the PKI's directory. */
  run(...args: string[]): void;
  /** A self-signed CA: `<name>.crt` and `<name>.key`. */
  ca(name: string, cn: string): void;
  /** A certificate issued by the CA `issuer`, with `san` (e.g. `IP:127.0.0.1`) and `O=Rampart Test`. */
  leaf(name: string, cn: string, issuer: string, san: string): void;
  /** The paths of `<name>.crt` and `<name>.key`. */
  pair(name: string): { readonly cert: string; readonly key: string };
  /** Deletes the directory and everything in it. */
  remove(): void;
}

/** Starts a PKI in a new temp dir named after `prefix`; nothing in it is ever committed. */
export function createTestPki(prefix: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const key = (name: string) =>
    run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  return {
    dir,
    run,
    ca(name, cn) {
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
    },
    leaf(name, cn, issuer, san) {
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
    },
    pair: (name) => ({ cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
