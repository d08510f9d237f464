import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { thirdPartyFetchWithoutResponseConstraints } from './third-party-fetch-without-response-constraints.js';

const urlParam = [{ name: 'url', in: 'query', schema: { type: 'string' } }];

describeRule(thirdPartyFetchWithoutResponseConstraints, [
  {
    name: 'preview of a URL answers an untyped object (3.0)',
    document: oas({
      paths: {
        '/preview': {
          get: {
            parameters: urlParam,
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
    }),
    expect: [
      { message: /GET \/preview fetches third-party data \("preview"\) but its 200 response has no schema/ },
    ],
  },
  {
    name: 'integration sync with no schema (2.0)',
    document: yamlDoc(
      `
      produces: [application/json]
      paths:
        /integrations/{id}/sync:
          post:
            parameters: [{ name: id, in: path, required: true, type: string }]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ).replace(
      "responses: { '200': { description: ok } }",
      "responses: { '200': { description: ok, schema: {} } }",
    ),
    expect: 1,
  },
  {
    name: 'near miss: typed response; fetch-like name without a third party; 202 without a body (3.1)',
    document: oas(
      {
        paths: {
          '/preview': {
            get: {
              parameters: urlParam,
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: { type: 'object', properties: { title: { type: 'string' } } },
                    },
                  },
                },
              },
            },
          },
          '/reports/preview': {
            get: {
              responses: {
                '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
              },
            },
          },
          '/import': { post: { parameters: urlParam, responses: { '202': { description: 'queued' } } } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
