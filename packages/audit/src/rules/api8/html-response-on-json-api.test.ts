import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { htmlResponseOnJsonApi } from './html-response-on-json-api.js';

const json = { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } };
const html = { description: 'page', content: { 'text/html': { schema: { type: 'string' } } } };

describeRule(htmlResponseOnJsonApi, [
  {
    name: 'an HTML error page on a JSON API (3.0)',
    document: oas({ paths: { '/a': { get: { responses: { '200': json, '500': html } } } } }),
    expect: [{ message: /GET \/a answers text\/html \(500\) on a JSON API/ }],
  },
  {
    name: 'Swagger 2.0 produces text/html',
    document: yamlDoc(
      `
      produces: [application/json]
      paths:
        /a: { get: { responses: { '200': { description: ok, schema: { type: object } } } } }
        /b: { get: { produces: [text/html], responses: { '200': { description: ok, schema: { type: string } } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: an HTML-only site has no JSON to contrast with; text/plain is not reported (3.1)',
    document: oas(
      {
        paths: {
          '/a': { get: { responses: { '200': html } } },
          '/b': { get: { responses: { '200': { description: 't', content: { 'text/plain': {} } } } } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
