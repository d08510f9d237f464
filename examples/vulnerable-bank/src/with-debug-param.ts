import type { RequestContext } from './bank-context.js';
import type { Route } from './route.js';

/** The flaw this file implements. */
export const DEBUG_PARAM_FLAW = 'api9-undocumented-debug-param';
const DEBUG_ROUTE = 'GET /cards';
const TRUTHY = new Set(['1', 'true', 'yes', 'on']);

/** The internal fields a forgotten debug switch adds to one card. */
function internalCardFields(card: Record<string, unknown>): Record<string, unknown> {
  const id = Number(card['id']);
  return {
    processorRef: `prc_${(id * 7919).toString(36)}`,
    binRange: card['brand'] === 'VISA' ? '453201' : '542418',
    issuerNode: `card-issuer-${id % 3}`,
    riskScore: (id * 37) % 100,
  };
}

/**
 * Wraps the routes so that, while flaw `api9-undocumented-debug-param` is on, `GET /cards?debug=true` (a query
 * parameter openapi.yaml does not describe) answers the normal list plus a `debug` object and each card's internal
 * processor fields (CWE-215). Off, the parameter is ignored like any unknown one. Other routes are unchanged.
 */
export function withDebugParam(routes: readonly Route[]): Route[] {
  return routes.map((route) =>
    `${route.method} ${route.path}` !== DEBUG_ROUTE
      ? route
      : {
          ...route,
          handle: (bank, request) => {
            const flag = request.url.searchParams.get('debug')?.toLowerCase();
            if (!bank.on(DEBUG_PARAM_FLAW) || flag === undefined || !TRUTHY.has(flag))
              return route.handle(bank, request);
            const started = process.hrtime.bigint();
            const debugging: RequestContext = Object.create(request, {
              json: {
                value: (status: number, body: unknown, headers?: Readonly<Record<string, string>>) => {
                  if (status !== 200 || typeof body !== 'object' || body === null)
                    return request.json(status, body, headers);
                  const list = body as { items?: Array<Record<string, unknown>> };
                  const items = (list.items ?? []).map((card) => ({
                    ...card,
                    internal: internalCardFields(card),
                  }));
                  return request.json(
                    status,
                    {
                      ...list,
                      items,
                      debug: {
                        query: 'SELECT * FROM cards WHERE owner_id = $1 AND deleted_at IS NULL',
                        node: 'bank-core-2.internal:8443',
                        elapsedUs: Number((process.hrtime.bigint() - started) / 1000n),
                        featureFlags: ['instant-issuing', 'legacy-pin-reset'],
                      },
                    },
                    headers,
                  );
                },
              },
            });
            return route.handle(bank, debugging);
          },
        },
  );
}
