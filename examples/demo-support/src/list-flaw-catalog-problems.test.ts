import { describe, expect, it } from 'vitest';
import type { Flaw } from './flaw.js';
import { listFlawCatalogProblems } from './list-flaw-catalog-problems.js';

const document = {
  paths: {
    '/accounts/{id}': { get: { parameters: [{ name: 'id' }] } },
    '/a~b/c': { post: {} },
  },
};

function flaw(overrides: Partial<Flaw>): Flaw {
  return {
    id: 'api1-account-bola',
    title: 't',
    owasp: 'API1',
    subtype: null,
    cwe: 'CWE-639',
    method: 'GET',
    path: '/accounts/{id}',
    documented: true,
    static: false,
    dynamic: true,
    staticEvidence: null,
    oracle: 'o',
    secureBehaviour: 's',
    ...overrides,
  };
}

describe('listFlawCatalogProblems', () => {
  it('accepts flaws that tell the truth about the document', () => {
    const flaws = [
      flaw({}),
      flaw({ id: 'b', method: 'DELETE', documented: false }),
      flaw({ id: 'c', static: true, staticEvidence: '/paths/~1accounts~1{id}/get/parameters/0 the id' }),
      flaw({
        id: 'd',
        method: 'POST',
        path: '/a~b/c',
        static: true,
        staticEvidence: '/paths/~1a~0b~1c/post',
      }),
    ];
    expect(listFlawCatalogProblems(flaws, document)).toEqual([]);
  });

  it('reports a wrong documented flag either way', () => {
    expect(
      listFlawCatalogProblems(
        [flaw({ documented: false }), flaw({ id: 'b', method: 'PUT', documented: true })],
        document,
      ),
    ).toEqual([
      'api1-account-bola: documented is false but GET /accounts/{id} is in openapi.yaml; fix the flag or the document',
      'b: documented is true but PUT /accounts/{id} is not in openapi.yaml; fix the flag or the document',
    ]);
  });

  it('reports evidence on a non-static flaw and evidence that names no node', () => {
    const problems = listFlawCatalogProblems(
      [
        flaw({ staticEvidence: '/paths' }),
        flaw({ id: 'b', static: true, staticEvidence: '/paths/~1accounts~1{id}/get/parameters/1' }),
        flaw({ id: 'c', static: true, staticEvidence: null }),
      ],
      document,
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^api1-account-bola: staticEvidence must be null/);
    expect(problems[1]).toMatch(
      /^b: staticEvidence "\/paths\/~1accounts~1\{id\}\/get\/parameters\/1" points at no node/,
    );
    expect(problems[2]).toMatch(/^c: staticEvidence "" points at no node/);
  });
});
