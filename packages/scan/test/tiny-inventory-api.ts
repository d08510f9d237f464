import { type ApiModel, loadApiFromString } from '@rampart/openapi';
import {
  type IdentitiesConfig,
  parseIdentities,
  type ScanCheck,
  type ScanResult,
  scanTarget,
} from '@rampart/scan';
import { startTinyApi } from './start-tiny-api.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const item = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } };

/** A small described API: a profile, a growing list, a report, a status page and an echoing search. */
const DOCUMENT = {
  openapi: '3.0.3',
  info: { title: 'tiny inventory', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/me': {
      get: {
        responses: {
          '200': { description: 'me', content: json(item) },
          '401': { description: 'login required', content: json({ type: 'object' }) },
        },
      },
    },
    '/items': {
      get: {
        responses: {
          '200': {
            description: 'items',
            content: json({ type: 'object', properties: { items: { type: 'array', items: item } } }),
          },
        },
      },
    },
    '/report': {
      get: {
        responses: {
          '200': {
            description: 'report',
            content: json({ type: 'object', properties: { total: { type: 'integer' } } }),
          },
        },
      },
    },
    '/status': {
      get: {
        responses: {
          '200': {
            description: 'status',
            content: json({ type: 'object', properties: { up: { type: 'boolean' } } }),
          },
        },
      },
    },
    '/search': {
      get: {
        parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'results',
            content: json({
              type: 'object',
              properties: {
                query: { type: 'object', additionalProperties: { type: 'string' } },
                hits: { type: 'integer' },
              },
            }),
          },
        },
      },
    },
  },
};

/**
 * `clean` answers as described, ignores unknown parameters, and has natural variation the checks must tolerate
 * (a list that grows on every call, a search that echoes its query). `naive` honours `debug` and
 * `include_deleted`, answers the report's total as a string and the status page with an undocumented 500.
 */
export type InventoryMode = 'clean' | 'naive';

let model: Promise<ApiModel> | undefined;

const IDENTITIES: IdentitiesConfig = parseIdentities(
  'identities:\n  - { name: alice, role: customer, bearer: t-alice }\npreflight: { method: GET, path: /me }\n',
  'ids.yaml',
);

/** Starts the tiny inventory API in `mode`, scans it read-only with `check` alone, and stops it. */
export async function scanTinyInventoryApi(mode: InventoryMode, check: ScanCheck): Promise<ScanResult> {
  let grown = 2;
  const api = await startTinyApi((request, send) => {
    if (request.headers.authorization !== 'Bearer t-alice') return send(401, { error: 'login required' });
    const url = new URL(request.path, 'http://tiny');
    const flag = (name: string) => mode === 'naive' && url.searchParams.get(name) !== null;
    switch (url.pathname) {
      case '/me':
        return send(200, {
          id: 1,
          name: 'alice',
          ...(flag('debug') ? { trace: { db: 'primary-2', ms: 3 } } : {}),
        });
      case '/items': {
        grown++;
        const count = mode === 'clean' ? grown : 3;
        const items = Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `item ${i + 1}` }));
        if (flag('include_deleted'))
          items.push({ id: 900, name: 'deleted item' }, { id: 901, name: 'deleted item' });
        return send(200, { items });
      }
      case '/report':
        return send(200, { total: mode === 'naive' ? '12' : 12 });
      case '/status':
        return mode === 'naive' ? send(500, { error: 'status backend down' }) : send(200, { up: true });
      case '/search':
        return send(200, { query: Object.fromEntries(url.searchParams), hits: 0 });
      default:
        return send(404, { error: 'not found' });
    }
  });
  try {
    model ??= loadApiFromString(JSON.stringify(DOCUMENT), 'tiny-inventory.json');
    return await scanTarget({
      model: await model,
      target: api.url,
      identities: IDENTITIES,
      options: { checks: [check], canary: false, readOnly: true },
    });
  } finally {
    await api.close();
  }
}
