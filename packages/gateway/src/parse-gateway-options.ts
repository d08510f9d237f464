import { isSecret, type Problem, RampartValidationError, Secret } from '@rampart/core';
import type { Policy } from './define-policy.js';
import type { ClientCertificateOptions, GatewayOptions } from './gateway-options.js';
import { parseCidr } from './parse-cidr.js';
import type { ResolvedGatewayOptions, ResolvedUpstreamTls } from './resolved-gateway-options.js';

/** Modern TLS 1.2 suites only: forward secrecy (ECDHE) and AEAD. TLS 1.3 suites are fixed by OpenSSL. */
export const DEFAULT_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

type Obj = Readonly<Record<string, unknown>>;

/**
 * Validates `GatewayOptions` and fills in defaults. Misuse by the calling code (not an object, an event sink
 * without `emit`, a custom policy that is not one) throws `TypeError`; bad values throw one
 * `RampartValidationError` (`RAMPART_ERR_CONFIG_INVALID`) that lists every problem with its path.
 */
export function parseGatewayOptions(input: GatewayOptions): ResolvedGatewayOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new TypeError('gateway options must be an object');
  checkProgrammaticOptions(input);
  const problems: Problem[] = [];
  const p = (path: string, message: string, hint?: string): void => {
    problems.push(hint === undefined ? { path, message } : { path, message, hint });
  };
  const o = input as unknown as Obj;
  unknownKeys(o, '', KEYS.root, p);

  const listen = section(o, 'listen', p);
  unknownKeys(listen, 'listen.', KEYS.listen, p);
  const admin = o['adminListen'] === false ? undefined : section(o, 'adminListen', p);
  if (admin) unknownKeys(admin, 'adminListen.', KEYS.listen, p);

  const upstreams: { url: URL; weight: number; tls: ResolvedUpstreamTls | undefined }[] = [];
  if (!Array.isArray(o['upstreams']) || o['upstreams'].length === 0) {
    p('upstreams', `must be a non-empty list of upstream URLs, got ${show(o['upstreams'])}`);
  } else {
    o['upstreams'].forEach((entry: unknown, i: number) => {
      const path = `upstreams[${i}]`;
      const item: Obj | undefined =
        typeof entry === 'string' ? { url: entry } : isObject(entry) ? entry : undefined;
      if (!item) {
        p(path, `must be a URL string or { url, weight, tls }, got ${show(entry)}`);
        return;
      }
      unknownKeys(item, `${path}.`, KEYS.upstream, p);
      const url = parseUpstreamUrl(item['url']);
      if (!url) p(`${path}.url`, `must be an absolute http(s) URL, got ${show(item['url'])}`);
      const weight = int(item, 'weight', 1, 1, 100, `${path}.`, p);
      const tls = item['tls'] === undefined ? undefined : parseUpstreamTls(item, url, path, p);
      if (url) upstreams.push({ url, weight, tls });
    });
  }

  const proxy = section(o, 'proxy', p);
  unknownKeys(proxy, 'proxy.', KEYS.proxy, p);
  const health = section(proxy, 'healthCheck', p, 'proxy.');
  unknownKeys(health, 'proxy.healthCheck.', KEYS.health, p);
  const healthPath = health['path'];
  if (healthPath !== undefined && (typeof healthPath !== 'string' || !healthPath.startsWith('/')))
    p('proxy.healthCheck.path', `must be a path starting with "/", got ${show(healthPath)}`);

  const trustedProxies: string[] = [];
  if (o['trustedProxies'] !== undefined) {
    if (!Array.isArray(o['trustedProxies'])) {
      p('trustedProxies', `must be a list of CIDR ranges, got ${show(o['trustedProxies'])}`);
    } else {
      o['trustedProxies'].forEach((cidr: unknown, i: number) => {
        const parsed = typeof cidr === 'string' ? parseCidr(cidr) : `${show(cidr)} is not a string`;
        if (typeof parsed === 'string')
          p(`trustedProxies[${i}]`, `must be an IP address or CIDR range: ${parsed}`, 'e.g. "10.0.0.0/8"');
        else trustedProxies.push(cidr as string);
      });
    }
  }

  const limits = section(o, 'limits', p);
  unknownKeys(limits, 'limits.', KEYS.limits, p);
  const routing = section(o, 'routing', p);
  unknownKeys(routing, 'routing.', KEYS.routing, p);
  let basePaths: string[] | undefined;
  if (routing['basePaths'] !== undefined) {
    const bp = routing['basePaths'];
    if (!Array.isArray(bp) || bp.some((b) => typeof b !== 'string' || (b !== '' && !b.startsWith('/'))))
      p('routing.basePaths', `must be a list of paths starting with "/", got ${show(bp)}`);
    else basePaths = bp as string[];
  }

  const tls = o['tls'] === undefined ? undefined : section(o, 'tls', p);
  let resolvedTls: ResolvedGatewayOptions['tls'];
  if (tls) {
    unknownKeys(tls, 'tls.', KEYS.tls, p);
    for (const key of ['certFile', 'keyFile']) {
      if (typeof tls[key] !== 'string' || tls[key] === '')
        p(`tls.${key}`, `must be the path of a PEM file, got ${show(tls[key])}`);
    }
    const minVersion = tls['minVersion'] ?? 'TLSv1.2';
    if (minVersion !== 'TLSv1.2' && minVersion !== 'TLSv1.3')
      p(
        'tls.minVersion',
        `must be "TLSv1.2" or "TLSv1.3", got ${show(minVersion)}`,
        'older versions are unsafe',
      );
    const ciphers = tls['ciphers'] ?? DEFAULT_CIPHERS;
    if (typeof ciphers !== 'string' || ciphers === '')
      p('tls.ciphers', `must be an OpenSSL cipher list, got ${show(ciphers)}`);
    let hsts: string | undefined;
    if (tls['hsts'] !== false) {
      const h = section(tls, 'hsts', p, 'tls.');
      unknownKeys(h, 'tls.hsts.', KEYS.hsts, p);
      const maxAge = int(h, 'maxAgeSeconds', 31_536_000, 0, 2 ** 31, 'tls.hsts.', p);
      const sub = bool(h, 'includeSubDomains', true, 'tls.hsts.', p);
      const preload = bool(h, 'preload', false, 'tls.hsts.', p);
      hsts = `max-age=${maxAge}${sub ? '; includeSubDomains' : ''}${preload ? '; preload' : ''}`;
    }
    const cc =
      tls['clientCertificate'] === undefined ? undefined : section(tls, 'clientCertificate', p, 'tls.');
    if (cc) {
      unknownKeys(cc, 'tls.clientCertificate.', KEYS.clientCertificate, p);
      if (typeof cc['caFile'] !== 'string' || cc['caFile'] === '')
        p('tls.clientCertificate.caFile', `must be the path of a PEM CA bundle, got ${show(cc['caFile'])}`);
      if (cc['mode'] !== 'required' && cc['mode'] !== 'optional')
        p('tls.clientCertificate.mode', `must be "required" or "optional", got ${show(cc['mode'])}`);
      const allow = section(cc, 'allow', p, 'tls.clientCertificate.');
      unknownKeys(allow, 'tls.clientCertificate.allow.', KEYS.allow, p);
      for (const key of ['subjects', 'subjectAltNames']) {
        const list = allow[key];
        if (list !== undefined && (!Array.isArray(list) || list.some((s) => typeof s !== 'string')))
          p(`tls.clientCertificate.allow.${key}`, `must be a list of strings, got ${show(list)}`);
      }
    }
    resolvedTls = {
      certFile: String(tls['certFile']),
      keyFile: String(tls['keyFile']),
      minVersion: minVersion as 'TLSv1.2',
      ciphers: String(ciphers),
      hsts,
      watchIntervalMs: int(tls, 'watchIntervalMs', 5000, 0, 86_400_000, 'tls.', p),
      clientCertificate: cc as unknown as ClientCertificateOptions | undefined,
    };
  }

  const policies = o['policies'] === undefined ? {} : o['policies'];
  if (!isObject(policies)) p('policies', `must be an object keyed by policy id, got ${show(policies)}`);

  const resolved: ResolvedGatewayOptions = {
    listen: {
      host: str(listen, 'host', '127.0.0.1', 'listen.', p),
      port: int(listen, 'port', 8080, 0, 65_535, 'listen.', p),
    },
    tls: resolvedTls,
    upstreams,
    proxy: {
      connectTimeoutMs: int(proxy, 'connectTimeoutMs', 5000, 1, 600_000, 'proxy.', p),
      headersTimeoutMs: int(proxy, 'headersTimeoutMs', 30_000, 1, 3_600_000, 'proxy.', p),
      bodyTimeoutMs: int(proxy, 'bodyTimeoutMs', 30_000, 1, 3_600_000, 'proxy.', p),
      keepAliveTimeoutMs: int(proxy, 'keepAliveTimeoutMs', 4000, 1, 600_000, 'proxy.', p),
      connections: int(proxy, 'connections', 256, 1, 65_536, 'proxy.', p),
      retries: int(proxy, 'retries', 1, 0, 10, 'proxy.', p),
      preserveHost: bool(proxy, 'preserveHost', false, 'proxy.', p),
      websockets: bool(proxy, 'websockets', true, 'proxy.', p),
      websocketIdleTimeoutMs: int(proxy, 'websocketIdleTimeoutMs', 60_000, 0, 86_400_000, 'proxy.', p),
      healthCheck: {
        path: typeof healthPath === 'string' ? healthPath : undefined,
        intervalMs: int(health, 'intervalMs', 5000, 10, 3_600_000, 'proxy.healthCheck.', p),
        timeoutMs: int(health, 'timeoutMs', 2000, 1, 600_000, 'proxy.healthCheck.', p),
        unhealthyAfter: int(health, 'unhealthyAfter', 3, 1, 1000, 'proxy.healthCheck.', p),
        healthyAfter: int(health, 'healthyAfter', 2, 1, 1000, 'proxy.healthCheck.', p),
        cooldownMs: int(health, 'cooldownMs', 10_000, 0, 3_600_000, 'proxy.healthCheck.', p),
      },
    },
    trustedProxies,
    limits: {
      maxHeaderBytes: int(limits, 'maxHeaderBytes', 16_384, 1024, 1_048_576, 'limits.', p),
      maxUrlLength: int(limits, 'maxUrlLength', 8192, 16, 1_048_576, 'limits.', p),
      maxBodyBytes: int(limits, 'maxBodyBytes', 10 * 1024 * 1024, 0, 2 ** 40, 'limits.', p),
      maxJsonDepth: int(limits, 'maxJsonDepth', 64, 1, 10_000, 'limits.', p),
      maxResponseBufferBytes: int(limits, 'maxResponseBufferBytes', 1024 * 1024, 0, 2 ** 31, 'limits.', p),
      requestTimeoutMs: int(limits, 'requestTimeoutMs', 30_000, 1, 3_600_000, 'limits.', p),
      headersTimeoutMs: int(limits, 'headersTimeoutMs', 10_000, 1, 3_600_000, 'limits.', p),
      keepAliveTimeoutMs: int(limits, 'keepAliveTimeoutMs', 5000, 1, 3_600_000, 'limits.', p),
      maxWebSockets: int(limits, 'maxWebSockets', 10_000, 1, 1_000_000, 'limits.', p),
    },
    routing: {
      model: routing['model'] as ResolvedGatewayOptions['routing']['model'],
      basePaths,
      caseInsensitive: bool(routing, 'caseInsensitive', false, 'routing.', p),
    },
    policies: isObject(policies) ? policies : {},
    customPolicies: input.customPolicies ?? [],
    eventSink: input.eventSink,
    counterStore: input.counterStore,
    blocklist: input.blocklist,
    adminListen: admin
      ? {
          host: str(admin, 'host', '127.0.0.1', 'adminListen.', p),
          port: int(admin, 'port', 9090, 0, 65_535, 'adminListen.', p),
        }
      : undefined,
    shutdownTimeoutMs: int(o, 'shutdownTimeoutMs', 10_000, 0, 3_600_000, '', p),
    logger: input.logger ?? { warn: (message) => process.emitWarning(message, 'RampartGatewayWarning') },
  };
  const l = resolved.limits;
  if (l.headersTimeoutMs > l.requestTimeoutMs)
    p(
      'limits.headersTimeoutMs',
      `must not exceed limits.requestTimeoutMs (${l.requestTimeoutMs}), got ${l.headersTimeoutMs}`,
    );

  if (problems.length > 0)
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_INVALID',
      `gateway configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
      problems,
    );
  return Object.freeze(resolved);
}

const KEYS = {
  root: [
    'listen',
    'tls',
    'upstreams',
    'proxy',
    'trustedProxies',
    'limits',
    'routing',
    'policies',
    'customPolicies',
    'eventSink',
    'counterStore',
    'blocklist',
    'adminListen',
    'shutdownTimeoutMs',
    'logger',
  ],
  listen: ['host', 'port'],
  upstream: ['url', 'weight', 'tls'],
  upstreamTls: [
    'caFile',
    'certFile',
    'keyFile',
    'passphrase',
    'serverName',
    'minVersion',
    'rejectUnauthorized',
  ],
  proxy: [
    'connectTimeoutMs',
    'headersTimeoutMs',
    'bodyTimeoutMs',
    'keepAliveTimeoutMs',
    'connections',
    'retries',
    'preserveHost',
    'healthCheck',
    'websockets',
    'websocketIdleTimeoutMs',
  ],
  health: ['path', 'intervalMs', 'timeoutMs', 'unhealthyAfter', 'healthyAfter', 'cooldownMs'],
  limits: [
    'maxHeaderBytes',
    'maxUrlLength',
    'maxBodyBytes',
    'maxJsonDepth',
    'maxResponseBufferBytes',
    'requestTimeoutMs',
    'headersTimeoutMs',
    'keepAliveTimeoutMs',
    'maxWebSockets',
  ],
  routing: ['model', 'basePaths', 'caseInsensitive'],
  tls: ['certFile', 'keyFile', 'minVersion', 'ciphers', 'hsts', 'watchIntervalMs', 'clientCertificate'],
  hsts: ['maxAgeSeconds', 'includeSubDomains', 'preload'],
  clientCertificate: ['caFile', 'mode', 'allow'],
  allow: ['subjects', 'subjectAltNames'],
} as const;

type Report = (path: string, message: string, hint?: string) => void;

function checkProgrammaticOptions(input: GatewayOptions): void {
  const sink = input.eventSink as unknown;
  if (sink !== undefined && (!isObject(sink) || typeof sink['emit'] !== 'function'))
    throw new TypeError('gateway options: eventSink must be an EventSink with an emit(event) method');
  const counters = input.counterStore as unknown;
  if (counters !== undefined && (!isObject(counters) || typeof counters['consume'] !== 'function'))
    throw new TypeError('gateway options: counterStore must be a CounterStore with a consume() method');
  const blocklist = input.blocklist as unknown;
  if (blocklist !== undefined && (!isObject(blocklist) || typeof blocklist['has'] !== 'function'))
    throw new TypeError('gateway options: blocklist must be a Blocklist with a has(actor) method');
  const logger = input.logger as unknown;
  if (logger !== undefined && (!isObject(logger) || typeof logger['warn'] !== 'function'))
    throw new TypeError('gateway options: logger must have a warn(message) method');
  const custom = input.customPolicies as unknown;
  if (custom !== undefined) {
    if (!Array.isArray(custom)) throw new TypeError('gateway options: customPolicies must be an array');
    custom.forEach((policy: Policy, i) => {
      if (!isObject(policy) || typeof policy.compile !== 'function' || !Object.isFrozen(policy))
        throw new TypeError(`gateway options: customPolicies[${i}] must be declared with definePolicy`);
    });
  }
  const model = input.routing?.model as unknown;
  if (model !== undefined && (!isObject(model) || !Array.isArray(model['operations'])))
    throw new TypeError('gateway options: routing.model must be an ApiModel from @rampart/openapi loadApi');
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function section(parent: Obj, key: string, p: Report, prefix = ''): Obj {
  const value = parent[key];
  if (value === undefined) return {};
  if (!isObject(value)) {
    p(`${prefix}${key}`, `must be an object, got ${show(value)}`);
    return {};
  }
  return value;
}

function unknownKeys(obj: Obj, prefix: string, known: readonly string[], p: Report): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
    p(
      `${prefix}${key}`,
      'is not a known option',
      near ? `did you mean "${near}"?` : `known: ${known.join(', ')}`,
    );
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

function int(
  obj: Obj,
  key: string,
  fallback: number,
  min: number,
  max: number,
  prefix: string,
  p: Report,
): number {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    p(`${prefix}${key}`, `must be an integer from ${min} to ${max}, got ${show(value)}`);
    return fallback;
  }
  return value;
}

function bool(obj: Obj, key: string, fallback: boolean, prefix: string, p: Report): boolean {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    p(`${prefix}${key}`, `must be true or false, got ${show(value)}`);
    return fallback;
  }
  return value;
}

function str(obj: Obj, key: string, fallback: string, prefix: string, p: Report): string {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') {
    p(`${prefix}${key}`, `must be a non-empty string, got ${show(value)}`);
    return fallback;
  }
  return value;
}

/** A DNS name as SNI carries it (RFC 6066 §3: no IP literals, no trailing dot). */
const SERVER_NAME =
  /^(?=.{1,253}$)(?!\d+(\.\d+){3}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** `upstreams[i].tls`: only on https upstreams; a client key goes with its certificate; TLS 1.2+ only. */
function parseUpstreamTls(item: Obj, url: URL | undefined, path: string, p: Report): ResolvedUpstreamTls {
  const at = `${path}.tls`;
  const tls = section(item, 'tls', p, `${path}.`);
  unknownKeys(tls, `${at}.`, KEYS.upstreamTls, p);
  if (url && url.protocol !== 'https:')
    p(
      at,
      `applies to https:// upstreams only, but the url is "${url.href}"`,
      'use an https:// url, or remove the tls block',
    );
  const file = (key: string): string | undefined => {
    const value = tls[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      p(`${at}.${key}`, `must be the path of a PEM file, got ${show(value)}`);
      return undefined;
    }
    return value;
  };
  const caFile = file('caFile');
  const certFile = file('certFile');
  const keyFile = file('keyFile');
  if (tls['certFile'] !== undefined && tls['keyFile'] === undefined)
    p(`${at}.keyFile`, 'is missing: a client certificate needs its private key', `add ${at}.keyFile`);
  if (tls['keyFile'] !== undefined && tls['certFile'] === undefined)
    p(`${at}.certFile`, 'is missing: a client key needs its certificate', `add ${at}.certFile`);
  const raw = tls['passphrase'];
  let passphrase: Secret | undefined;
  if (raw !== undefined) {
    // Never echo the value: it is a secret even when it is of the wrong type.
    if (isSecret(raw)) passphrase = raw;
    else if (typeof raw === 'string' && raw !== '') passphrase = new Secret(raw);
    else p(`${at}.passphrase`, `must be a non-empty string or a Secret, got a ${typeof raw}`);
    if (tls['keyFile'] === undefined)
      p(`${at}.passphrase`, 'is set but there is no keyFile to decrypt', `add ${at}.keyFile or remove it`);
  }
  const serverName = tls['serverName'];
  if (serverName !== undefined && (typeof serverName !== 'string' || !SERVER_NAME.test(serverName)))
    p(
      `${at}.serverName`,
      `must be a DNS name, got ${show(serverName)}`,
      'SNI cannot carry an IP address; give the name the upstream certificate is issued for',
    );
  const minVersion = tls['minVersion'] ?? 'TLSv1.2';
  if (minVersion !== 'TLSv1.2' && minVersion !== 'TLSv1.3')
    p(
      `${at}.minVersion`,
      `must be "TLSv1.2" or "TLSv1.3", got ${show(minVersion)}`,
      'older versions are unsafe',
    );
  return {
    caFile,
    certFile,
    keyFile,
    passphrase,
    serverName: typeof serverName === 'string' ? serverName : undefined,
    minVersion: minVersion === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1.2',
    rejectUnauthorized: bool(tls, 'rejectUnauthorized', true, `${at}.`, p),
  };
}

function parseUpstreamUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    if (url.username || url.password || url.search || url.hash) return undefined;
    return url;
  } catch {
    return undefined;
  }
}
