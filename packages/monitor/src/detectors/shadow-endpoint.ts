import { defineDetector } from '../define-detector.js';
import { NO_SIGNALS } from '../no-signals.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createLruMap } from '../state/create-lru-map.js';

export interface ShadowEndpointOptions {
  /** Served calls to one undocumented template before it is reported (one-off probes are not endpoints). */
  readonly minCalls: number;
}

export const shadowEndpoint = defineDetector<ShadowEndpointOptions>({
  id: 'shadow-endpoint',
  title: 'Shadow endpoint (undocumented)',
  severity: 'medium',
  owasp: 'API9',
  cwe: 1059,
  description:
    'With an API description loaded, reports traffic that the API served (2xx/3xx, or 401/403: it exists but is ' +
    'protected) to a path no documented operation matches, or to a documented path with an undocumented method. ' +
    'Paths are templated (ids, UUIDs, hashes become parameters) and aggregated per template, whoever called; a ' +
    'template is reported from its second served call. Without a description it does nothing.',
  defaults: { minCalls: 2 },
  create({ options, model, routes }) {
    if (model === undefined) return { observe: () => NO_SIGNALS };
    const calls = createLruMap<string, number>(4096);
    return {
      observe(event) {
        if (event.verdict === 'deny') return NO_SIGNALS;
        const served = event.status < 400 || event.status === 401 || event.status === 403;
        if (!served) return NO_SIGNALS;
        const route = routes.resolve(event);
        if (route.documentation !== 'undocumented' && route.documentation !== 'other-method')
          return NO_SIGNALS;
        const count = (calls.get(route.endpoint) ?? 0) + 1;
        calls.set(route.endpoint, count);
        if (count < options.minCalls) return NO_SIGNALS;
        return [
          {
            actor: resolveEventActor(event),
            target: route.endpoint,
            perTarget: true,
            blockable: false,
            summary:
              route.documentation === 'other-method'
                ? `${route.endpoint}: the path is documented but not for ${event.method}, and the API answered ${event.status}`
                : `${route.endpoint} is not in the API description, and the API answered ${event.status}`,
            eventIds: [event.id],
            details: { calls: count, status: event.status, documentation: route.documentation },
          },
        ];
      },
    };
  },
});
