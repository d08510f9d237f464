import { describe, expect, it } from 'vitest';
import { renderApiSummary } from './render-api-summary.js';
import type { ApiSummary } from './summarize-api.js';

const base: ApiSummary = {
  file: 'api.yaml',
  title: 'Shop',
  version: '2.0.0',
  specVersion: '2.0',
  servers: [],
  securitySchemes: [],
  operations: { total: 0, byMethod: {}, withoutSecurity: [], optionalSecurity: [], deprecated: 0 },
  webhooks: 0,
  schemas: 0,
};

describe('renderApiSummary', () => {
  it('names Swagger 2.0 and says when nothing is declared', () => {
    const text = renderApiSummary(base);
    expect(text).toContain('Shop 2.0.0 (Swagger 2.0)\n');
    expect(text).toContain('servers: none declared\n');
    expect(text).toContain('security schemes: none declared\n');
    expect(text).toContain('operations: 0\n');
  });

  it('cuts long lists and says so', () => {
    const keys = Array.from({ length: 25 }, (_, i) => `GET /r${i}`);
    const text = renderApiSummary({
      ...base,
      operations: { ...base.operations, total: 30, byMethod: { GET: 30 }, withoutSecurity: keys },
    });
    expect(text).toContain('operations without security (25):\n  GET /r0\n');
    expect(text).toContain('  GET /r19\n  ... and 5 more (--format json lists them all)\n');
    expect(text).not.toContain('GET /r20');
  });

  it('summarizes an API where nothing is protected in one line', () => {
    const text = renderApiSummary({
      ...base,
      operations: {
        ...base.operations,
        total: 2,
        byMethod: { GET: 2 },
        withoutSecurity: ['GET /a', 'GET /b'],
      },
    });
    expect(text).toContain('operations without security: all 2\n');
  });
});
