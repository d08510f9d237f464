import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// oidc-provider 8.x: the last major that supports Node 20 (9.x wants Node 22 LTS).
import Provider from 'oidc-provider';

/** A real OpenID provider (panva's oidc-provider) on 127.0.0.1, port 0, with one client_credentials client. */
export interface TestOidcProvider {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly introspectionEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The resource (audience) of JWT access tokens. */
  readonly jwtResource: string;
  /** The resource of opaque access tokens (for introspection). */
  readonly opaqueResource: string;
  /** The provider's signing key pairs (RS256 and ES256). */
  readonly keys: { readonly rsa: KeyPair; readonly ec: KeyPair };
  /** Runs the real client_credentials grant and returns the access token. */
  token(options?: { scope?: string; resource?: string }): Promise<string>;
  /** Requests the provider's endpoints saw, by path. */
  readonly hits: Map<string, number>;
  /** While true, the provider answers every request with 503 (an IdP outage). */
  down: boolean;
  close(): Promise<void>;
}

interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keys = {
    rsa: { ...rsa, kid: 'rsa-1' },
    ec: { ...ec, kid: 'ec-1' },
  };
  const hits = new Map<string, number>();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const state = { down: false };
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (state.down || !handler) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      return;
    }
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'gateway-test-client';
  const clientSecret = 'a-long-client-secret-for-the-test-provider-0123456789';
  const jwtResource = 'https://api.example.test';
  const opaqueResource = 'urn:example:opaque-api';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: {
      keys: [
        {
          ...(rsa.privateKey.export({ format: 'jwk' }) as object),
          kid: keys.rsa.kid,
          alg: 'RS256',
          use: 'sig',
        },
        {
          ...(ec.privateKey.export({ format: 'jwk' }) as object),
          kid: keys.ec.kid,
          alg: 'ES256',
          use: 'sig',
        },
      ],
    },
    cookies: { keys: ['test-only-cookie-signing-key-0123456789abcdef'] },
    ttl: { ClientCredentials: 600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => jwtResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource === jwtResource)
            return {
              scope: 'accounts:read accounts:write transfers:write',
              audience: jwtResource,
              accessTokenFormat: 'jwt',
              accessTokenTTL: 600,
              jwt: { sign: { alg: 'ES256' } },
            };
          if (resource === opaqueResource)
            return {
              scope: 'accounts:read accounts:write',
              audience: opaqueResource,
              accessTokenFormat: 'opaque',
              accessTokenTTL: 600,
            };
          throw new Error(`unknown resource ${resource}`);
        },
      },
    },
    extraTokenClaims: () => ({ roles: ['teller'], tenant: 'acme' }),
  });
  // The provider thinks it runs behind TLS otherwise; it is plain HTTP on loopback in tests.
  provider.proxy = false;
  handler = provider.callback();

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    introspectionEndpoint: `${issuer}/token/introspection`,
    clientId,
    clientSecret,
    jwtResource,
    opaqueResource,
    keys,
    hits,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    async token(options = {}) {
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        resource: options.resource ?? jwtResource,
        ...(options.scope !== undefined ? { scope: options.scope } : {}),
      });
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
      const json = (await response.json()) as {
        access_token?: string;
        error?: string;
        error_description?: string;
      };
      if (!json.access_token)
        throw new Error(`token request failed: ${json.error} ${json.error_description}`);
      return json.access_token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
