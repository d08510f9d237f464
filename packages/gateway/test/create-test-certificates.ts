import { createTestPki } from './create-test-pki.js';

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
  const pki = createTestPki('rampart-gw-tls-');
  pki.ca('ca', 'Rampart Test CA');
  pki.ca('rogue-ca', 'Rogue CA');
  pki.leaf('server', 'gateway-one', 'ca', 'IP:127.0.0.1,DNS:localhost');
  pki.leaf('server2', 'gateway-two', 'ca', 'IP:127.0.0.1,DNS:localhost');
  pki.leaf('client-a', 'client-a', 'ca', 'URI:spiffe://test/client-a');
  pki.leaf('client-b', 'client-b', 'ca', 'DNS:client-b.test');
  pki.leaf('rogue-client', 'client-a', 'rogue-ca', 'URI:spiffe://test/client-a');
  return {
    dir: pki.dir,
    files: {
      ca: pki.pair('ca'),
      server: pki.pair('server'),
      server2: pki.pair('server2'),
      clientA: pki.pair('client-a'),
      clientB: pki.pair('client-b'),
      rogueClient: pki.pair('rogue-client'),
    },
    remove: pki.remove,
  };
}
