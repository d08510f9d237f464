import { defineDetector } from '../define-detector.js';
import { NO_SIGNALS } from '../no-signals.js';
import { resolveEventActor } from '../resolve-event-actor.js';

export const zombieEndpoint = defineDetector<Record<string, never>>({
  id: 'zombie-endpoint',
  title: 'Zombie endpoint (deprecated operation still called)',
  severity: 'low',
  owasp: 'API9',
  cwe: 1059,
  description:
    'With an API description loaded, reports calls to operations marked `deprecated: true` (or with a deprecated ' +
    'parameter in the query), aggregated per operation whoever called, so the owners know which retired ' +
    'endpoints are still live and who still depends on them. Never blocks: the callers are usually old clients.',
  defaults: {},
  create({ model, routes }) {
    if (model === undefined) return { observe: () => NO_SIGNALS };
    return {
      observe(event) {
        const route = routes.resolve(event);
        const operation = route.operation;
        if (operation === undefined) return NO_SIGNALS;
        let deprecatedParameter: string | undefined;
        if (!operation.deprecated) {
          if (event.query === undefined) return NO_SIGNALS;
          deprecatedParameter = operation.parameters.find(
            (p) => p.deprecated && p.in === 'query' && event.query?.[p.name] !== undefined,
          )?.name;
          if (deprecatedParameter === undefined) return NO_SIGNALS;
        }
        return [
          {
            actor: resolveEventActor(event),
            target: route.endpoint,
            perTarget: true,
            blockable: false,
            summary:
              deprecatedParameter === undefined
                ? `${route.endpoint} is deprecated in the description and still called (answered ${event.status})`
                : `${route.endpoint}: deprecated query parameter "${deprecatedParameter}" still sent`,
            eventIds: [event.id],
            details: {
              status: event.status,
              ...(operation.operationId !== undefined ? { operationId: operation.operationId } : {}),
              ...(deprecatedParameter !== undefined ? { parameter: deprecatedParameter } : {}),
            },
          },
        ];
      },
    };
  },
});
