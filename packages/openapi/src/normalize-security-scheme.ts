import type { OAuthFlow, SecurityScheme } from './model.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TYPES = new Set(['apiKey', 'http', 'oauth2', 'openIdConnect', 'mutualTLS']);
const FLOWS = ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as const;

function extensionsOf(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (key.startsWith('x-')) out[key] = raw[key];
  return out;
}

function flowOf(raw: unknown): OAuthFlow | undefined {
  if (!isRecord(raw)) return undefined;
  const scopes: Record<string, string> = {};
  if (isRecord(raw['scopes']))
    for (const [k, v] of Object.entries(raw['scopes'])) scopes[k] = String(v ?? '');
  const text = (key: string) => (typeof raw[key] === 'string' ? { [key]: raw[key] as string } : {});
  return { ...text('authorizationUrl'), ...text('tokenUrl'), ...text('refreshUrl'), scopes };
}

/**
 * One Security Scheme Object of the model, or a reason string when it cannot be one (no or unknown `type`).
 */
export function normalizeSecurityScheme(
  name: string,
  raw: unknown,
  pointer: string,
): SecurityScheme | string {
  if (!isRecord(raw)) return 'must be a mapping';
  const type = raw['type'];
  if (typeof type !== 'string' || !TYPES.has(type)) {
    return `has type ${JSON.stringify(type) ?? 'undefined'}; expected one of apiKey, http, oauth2, openIdConnect, mutualTLS`;
  }
  const where = raw['in'];
  const flows: Record<string, OAuthFlow> = {};
  if (type === 'oauth2' && isRecord(raw['flows'])) {
    for (const flow of FLOWS) {
      const value = flowOf(raw['flows'][flow]);
      if (value) flows[flow] = value;
    }
  }
  return {
    name,
    type: type as SecurityScheme['type'],
    ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
    ...(where === 'query' || where === 'header' || where === 'cookie' ? { in: where } : {}),
    ...(type === 'apiKey' && typeof raw['name'] === 'string' ? { paramName: raw['name'] } : {}),
    ...(typeof raw['scheme'] === 'string' ? { scheme: raw['scheme'].toLowerCase() } : {}),
    ...(typeof raw['bearerFormat'] === 'string' ? { bearerFormat: raw['bearerFormat'] } : {}),
    ...(type === 'oauth2' ? { flows } : {}),
    ...(typeof raw['openIdConnectUrl'] === 'string' ? { openIdConnectUrl: raw['openIdConnectUrl'] } : {}),
    extensions: extensionsOf(raw),
    pointer,
  };
}
