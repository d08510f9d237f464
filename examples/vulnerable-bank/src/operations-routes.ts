import { readFileSync } from 'node:fs';
import { ADMIN_API_KEY } from './create-bank-state.js';
import type { Route } from './route.js';

/** Where the bank's OpenAPI document lives: the package root. */
export const OPENAPI_FILE_URL = new URL('../openapi.yaml', import.meta.url);

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vulnerable Bank API</title></head>
<body><h1>Vulnerable Bank API</h1><p>Interactive documentation. Download the description:
<a href="/openapi.yaml">openapi.yaml</a>.</p></body></html>
`;

/** Health check, plus the endpoints a real deployment forgot to remove (each only while its flaw is on). */
export const operationsRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/health',
    handle: (_bank, request) => request.json(200, { status: 'ok' }),
  },
  {
    method: 'GET',
    path: '/api/v1/users/{userId}/accounts',
    flaw: 'api9-legacy-v1-unauthenticated',
    handle: (bank, request) => {
      const ownerId = Number(request.params['userId']);
      const items = [...bank.state.accounts.values()]
        .filter((account) => account.ownerId === ownerId)
        .map((account) => ({
          id: account.id,
          number: account.number,
          currency: account.currency,
          balance: account.balance,
        }));
      request.json(200, items);
    },
  },
  {
    method: 'GET',
    path: '/debug/vars',
    flaw: 'api9-debug-vars',
    handle: (bank, request) => {
      request.json(200, {
        cmdline: process.argv,
        node: process.version,
        memstats: process.memoryUsage(),
        config: {
          jwtSecret: bank.jwtSecret,
          adminApiKey: ADMIN_API_KEY,
          kycUrl: bank.kycUrl ?? null,
          ratesUrl: bank.ratesUrl ?? null,
        },
        users: bank.state.users.size,
      });
    },
  },
  {
    method: 'GET',
    path: '/openapi.yaml',
    flaw: 'api9-docs-exposed',
    handle: (_bank, request) => request.text(200, readFileSync(OPENAPI_FILE_URL, 'utf8'), 'application/yaml'),
  },
  {
    method: 'GET',
    path: '/docs',
    flaw: 'api9-docs-exposed',
    handle: (_bank, request) => request.text(200, DOCS_PAGE, 'text/html; charset=utf-8'),
  },
];
