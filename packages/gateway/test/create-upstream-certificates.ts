import { join } from 'node:path';
import { createTestPki } from './create-test-pki.js';

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
  const pki = createTestPki('rampart-upstream-tls-');
  pki.ca('ca', 'Upstream Test CA');
  pki.ca('other-ca', 'Other Test CA');
  pki.leaf('server-ip', 'upstream-ip', 'ca', 'IP:127.0.0.1');
  pki.leaf('server-named', 'upstream-named', 'ca', 'DNS:upstream.internal');
  pki.leaf('client', 'rampart-gateway', 'ca', 'URI:spiffe://test/rampart-gateway');
  const passphrase = 'correct horse battery staple';
  pki.run(
    'pkey',
    '-in',
    'client.key',
    '-aes256',
    '-passout',
    `pass:${passphrase}`,
    '-out',
    'client-encrypted.key',
  );
  return {
    dir: pki.dir,
    ca: pki.pair('ca').cert,
    otherCa: pki.pair('other-ca').cert,
    serverIp: pki.pair('server-ip'),
    serverNamed: pki.pair('server-named'),
    client: pki.pair('client'),
    encryptedClientKey: join(pki.dir, 'client-encrypted.key'),
    passphrase,
    remove: pki.remove,
  };
}
