import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './model.js';
import { walkSchema } from './walk-schema.js';

describe('walkSchema', () => {
  it('visits nested properties, items and compositions with their property paths', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        user: { allOf: [{ properties: { role: { type: 'string' } } }] },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    const paths: string[] = [];
    walkSchema(schema, (_s, ctx) => {
      paths.push(ctx.propertyPath.join('.'));
    });
    expect(paths).toEqual(['', 'user', 'user', 'user.role', 'tags', 'tags.[]']);
  });

  it('terminates on cycles and visits each schema once', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node['properties'] as Record<string, unknown>)['child'] = node;
    (node['properties'] as Record<string, unknown>)['children'] = { type: 'array', items: node };
    let visits = 0;
    walkSchema(node, () => {
      visits++;
    });
    expect(visits).toBe(2);
  });

  it('does not descend past a skipped schema', () => {
    const schema: JsonSchema = { properties: { a: { properties: { b: {} } } } };
    const seen: string[] = [];
    walkSchema(schema, (_s, ctx) => {
      seen.push(ctx.propertyPath.join('.'));
      return ctx.propertyPath.length === 1 ? 'skip' : undefined;
    });
    expect(seen).toEqual(['', 'a']);
  });
});
