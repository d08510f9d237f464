import { isAbsolute, resolve } from 'node:path';
import { type Problem, RampartValidationError, Secret } from '@rampart/core';
import type { GatewayOptions, TlsOptions, UpstreamTlsOptions } from '@rampart/gateway';
import type { ApiModel } from '@rampart/openapi';
import type {
  GatewayConfig,
  GatewayPoliciesConfig,
  GatewayUpstreamTlsConfig,
  JwkConfig,
} from './config/rampart-config.js';

export interface BuildGatewayOptionsInput {
  /** The validated `gateway` section. */
  readonly config: GatewayConfig;
  /** Directory relative file paths are resolved against: the configuration file's. */
  readonly baseDir: string;
  /** Environment, for `secretFromEnv`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The loaded `routing.spec`. */
  readonly model?: ApiModel;
}

/**
 * Maps the `gateway` section of `rampart.yaml` onto `GatewayOptions`: file paths resolved against the
 * configuration file's directory, `routing.spec` replaced by the loaded model, secrets revealed only here (JWK
 * `k`, API key hashes; the introspection secret and upstream key passphrases stay `Secret`s, which the gateway
 * accepts), `secretFromEnv` read into an `oct` key, `passphraseFromEnv` into a `Secret`, `admin.enabled: false` turned into `adminListen: false`. The ports (event sink, blocklist,
 * counters, logger) are the caller's. Throws one `RampartValidationError` for what only the CLI can check: no
 * upstream, a secret variable that is not set.
 */
export function buildGatewayOptions(input: BuildGatewayOptionsInput): GatewayOptions {
  const { config, baseDir, env, model } = input;
  const problems: Problem[] = [];
  const file = (path: string) =>
    /^https?:\/\//i.test(path) || isAbsolute(path) ? path : resolve(baseDir, path);
  if (config.upstreams.length === 0)
    problems.push({
      path: 'gateway.upstreams',
      message: 'is empty; the gateway needs at least one upstream to forward to',
      hint: 'add e.g. "upstreams: [{ url: http://127.0.0.1:3000 }]" under gateway',
    });
  const policies = buildPolicies(config.policies, env, file, problems);
  const upstreams = config.upstreams.map((u, i) => ({
    url: u.url,
    ...(u.weight ? { weight: u.weight } : {}),
    ...(u.tls ? { tls: buildUpstreamTls(u.tls, `gateway.upstreams[${i}].tls`, env, file, problems) } : {}),
  }));
  if (problems.length > 0)
    throw new RampartValidationError('RAMPART_ERR_CONFIG_INVALID', 'the gateway cannot start:', problems);

  const tls = config.tls;
  const hsts = tls?.hsts;
  const tlsOptions: TlsOptions | undefined = tls && {
    certFile: file(tls.cert),
    keyFile: file(tls.key),
    ...(tls.minVersion ? { minVersion: tls.minVersion } : {}),
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
    ...(hsts
      ? {
          hsts:
            hsts.enabled === false
              ? false
              : {
                  ...(hsts.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: hsts.maxAgeSeconds }),
                  ...(hsts.includeSubDomains === undefined
                    ? {}
                    : { includeSubDomains: hsts.includeSubDomains }),
                  ...(hsts.preload === undefined ? {} : { preload: hsts.preload }),
                },
        }
      : {}),
    ...(tls.watchIntervalMs === undefined ? {} : { watchIntervalMs: tls.watchIntervalMs }),
    ...(tls.clientCertificate
      ? {
          clientCertificate: {
            caFile: file(tls.clientCertificate.caFile),
            mode: tls.clientCertificate.mode ?? 'required',
            ...(tls.clientCertificate.allow ? { allow: tls.clientCertificate.allow } : {}),
          },
        }
      : {}),
  };
  const routing = config.routing;
  return {
    listen: { host: config.listen.host, port: config.listen.port },
    ...(tlsOptions ? { tls: tlsOptions } : {}),
    upstreams,
    ...(config.proxy ? { proxy: config.proxy } : {}),
    trustedProxies: config.trustedProxies,
    ...(config.limits ? { limits: config.limits } : {}),
    routing: {
      ...(model ? { model } : {}),
      ...(routing?.basePaths ? { basePaths: routing.basePaths } : {}),
      ...(routing?.caseInsensitive === undefined ? {} : { caseInsensitive: routing.caseInsensitive }),
    },
    policies,
    adminListen: config.admin.enabled
      ? { host: config.admin.listen.host, port: config.admin.listen.port }
      : false,
    ...(config.shutdownTimeoutMs === undefined ? {} : { shutdownTimeoutMs: config.shutdownTimeoutMs }),
  };
}

function buildPolicies(
  policies: GatewayPoliciesConfig,
  env: Readonly<Record<string, string | undefined>>,
  file: (path: string) => string,
  problems: Problem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...policies };
  const jwt = policies.jwt;
  if (jwt) {
    out['jwt'] = {
      ...jwt,
      issuers: jwt.issuers.map((issuer, i) => {
        const { secretFromEnv, keys, ...rest } = issuer;
        const revealed = (keys ?? []).map(revealJwk);
        if (secretFromEnv !== undefined) {
          const secret = env[secretFromEnv];
          if (secret === undefined || secret === '')
            problems.push({
              path: `gateway.policies.jwt.issuers[${i}].secretFromEnv`,
              message: `names the environment variable ${secretFromEnv}, which is not set`,
              hint: `export ${secretFromEnv}=<the issuer's HMAC secret> before starting the gateway`,
            });
          else revealed.push({ kty: 'oct', k: Buffer.from(secret, 'utf8').toString('base64url') });
        }
        return { ...rest, ...(revealed.length > 0 ? { keys: revealed } : {}) };
      }),
    };
  }
  const apiKey = policies['api-key'];
  if (apiKey)
    out['api-key'] = { ...apiKey, keys: apiKey.keys.map((k) => ({ ...k, sha256: k.sha256.reveal() })) };
  const authorize = policies.authorize;
  if (authorize?.relations?.file !== undefined)
    out['authorize'] = {
      ...authorize,
      relations: { ...authorize.relations, file: file(authorize.relations.file) },
    };
  const ipFilter = policies['ip-filter'];
  if (ipFilter?.torExitNodes)
    out['ip-filter'] = {
      ...ipFilter,
      torExitNodes: { ...ipFilter.torExitNodes, file: file(ipFilter.torExitNodes.file) },
    };
  return out;
}

/**
 * `upstreams[i].tls`: files resolved against the configuration file's directory, `passphraseFromEnv` read into a
 * `Secret` (the passphrase is never revealed here: the gateway takes the `Secret`).
 */
function buildUpstreamTls(
  tls: GatewayUpstreamTlsConfig,
  at: string,
  env: Readonly<Record<string, string | undefined>>,
  file: (path: string) => string,
  problems: Problem[],
): UpstreamTlsOptions {
  const { caFile, certFile, keyFile, passphrase, passphraseFromEnv, ...rest } = tls;
  let secret = passphrase;
  if (passphraseFromEnv !== undefined) {
    const value = env[passphraseFromEnv];
    if (passphrase !== undefined)
      problems.push({
        path: `${at}.passphraseFromEnv`,
        message: 'is set together with passphrase; only one can say where the passphrase is',
        hint: 'remove passphrase from the file and keep passphraseFromEnv',
      });
    else if (value === undefined || value === '')
      problems.push({
        path: `${at}.passphraseFromEnv`,
        message: `names the environment variable ${passphraseFromEnv}, which is not set`,
        hint: `export ${passphraseFromEnv}=<the passphrase of keyFile> before starting the gateway`,
      });
    else secret = new Secret(value);
  }
  return {
    ...rest,
    ...(caFile === undefined ? {} : { caFile: file(caFile) }),
    ...(certFile === undefined ? {} : { certFile: file(certFile) }),
    ...(keyFile === undefined ? {} : { keyFile: file(keyFile) }),
    ...(secret === undefined ? {} : { passphrase: secret }),
  };
}

function revealJwk(key: JwkConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(key).map(([name, value]) => [name, value instanceof Secret ? value.reveal() : value]),
  );
}
