import { describe, expect, it } from 'vitest';
import {
  evaluateLinkValue,
  evaluateRuntimeExpression,
  isRuntimeExpression,
  type RuntimeExpressionContext,
} from '../src/explore/evaluate-runtime-expression.js';

const context: RuntimeExpressionContext = {
  url: 'http://127.0.0.1:9/users/42/pets?limit=5&q=a%20b',
  method: 'post',
  statusCode: 201,
  request: {
    headers: { 'X-Trace': 't-1' },
    path: { userId: 42 },
    body: { name: 'rex', tags: ['a', 'b'] },
  },
  response: {
    headers: { location: '/users/42/pets/7' },
    body: { id: 7, owner: { id: 42 }, 'a/b': 'slash', 'm~n': 'tilde', items: [{ id: 'x' }] },
  },
};

describe('evaluateRuntimeExpression', () => {
  it.each([
    ['$url', 'http://127.0.0.1:9/users/42/pets?limit=5&q=a%20b'],
    ['$method', 'POST'],
    ['$statusCode', 201],
    ['$request.header.x-trace', 't-1'],
    ['$request.query.limit', '5'],
    ['$request.query.q', 'a b'],
    ['$request.path.userId', 42],
    ['$request.body#/tags/1', 'b'],
    ['$response.header.Location', '/users/42/pets/7'],
    ['$response.body#/id', 7],
    ['$response.body#/owner/id', 42],
    ['$response.body#/items/0/id', 'x'],
    ['$response.body#/a~1b', 'slash'],
    ['$response.body#/m~0n', 'tilde'],
    ['$response.body#/a%7E1b', 'slash'],
  ])('%s → %j', (expression, expected) => {
    expect(isRuntimeExpression(expression)).toBe(true);
    expect(evaluateRuntimeExpression(expression, context)).toEqual(expected);
  });

  it('returns the whole body for `$response.body` and undefined for what the exchange lacks', () => {
    expect(evaluateRuntimeExpression('$response.body', context)).toBe(context.response.body);
    expect(evaluateRuntimeExpression('$response.body#/missing', context)).toBeUndefined();
    expect(evaluateRuntimeExpression('$response.header.X-Absent', context)).toBeUndefined();
    expect(evaluateRuntimeExpression('$request.path.petId', context)).toBeUndefined();
    expect(evaluateRuntimeExpression('$request.query.absent', context)).toBeUndefined();
    // The ABNF allows path and query on the response too; a response has neither.
    expect(evaluateRuntimeExpression('$response.path.id', context)).toBeUndefined();
    expect(evaluateRuntimeExpression('$response.query.q', context)).toBeUndefined();
  });

  it.each(['$request.cookie.a', '$request.body/x', '$status', 'id', '$request.header.', '$url2'])(
    'rejects %s, which the ABNF does not allow',
    (text) => {
      expect(isRuntimeExpression(text)).toBe(false);
      expect(evaluateRuntimeExpression(text, context)).toBeUndefined();
    },
  );
});

describe('evaluateLinkValue', () => {
  it('evaluates expressions, embedded expressions and keeps constants', () => {
    expect(evaluateLinkValue('$response.body#/id', context)).toBe(7);
    expect(evaluateLinkValue('pets/{$response.body#/id}?u={$request.path.userId}', context)).toBe(
      'pets/7?u=42',
    );
    expect(evaluateLinkValue('{$response.body#/nope}', context)).toBeUndefined();
    expect(evaluateLinkValue('plain', context)).toBe('plain');
    expect(evaluateLinkValue(3, context)).toBe(3);
    expect(evaluateLinkValue({ a: 1 }, context)).toEqual({ a: 1 });
  });
});
