import { describeRule, oas } from '../../test-rule.js';
import { callbackUrlPlainHttp } from './callback-url-plain-http.js';

const ok = { '200': { description: 'ok' } };
const withCallback = (url: string) => ({
  '/subscriptions': {
    post: { responses: ok, callbacks: { onEvent: { [url]: { post: { responses: ok } } } } },
  },
});

describeRule(callbackUrlPlainHttp, [
  {
    name: 'callback to an http URL (3.0)',
    document: oas({ paths: withCallback('http://hooks.acme.io/{$request.query.id}') }),
    expect: [{ message: /callback "onEvent" .* is delivered over plain http/, severity: 'high' }],
  },
  {
    name: 'callback to localhost is low (3.1)',
    document: oas({ paths: withCallback('http://localhost:9000/events') }, '3.1'),
    expect: [{ severity: 'low' }],
  },
  {
    name: 'near miss: https and request-chosen URLs',
    document: oas({
      paths: {
        ...withCallback('https://hooks.acme.io/events'),
        '/other': {
          post: { responses: ok, callbacks: { cb: { '{$request.body#/url}': { post: { responses: ok } } } } },
        },
      },
    }),
    expect: 0,
  },
]);
