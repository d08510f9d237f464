import { describe, expect, it } from 'vitest';
import { classifyJson } from './classify-json.js';

describe('classifyJson', () => {
  it('reports each sensitive value with its JSON pointer, using property names as hints', () => {
    const body = {
      customer: {
        email: 'alice@example.com',
        ssn: '536904399',
        orderId: '536904399',
        'a/b~c': 'bob@example.org',
      },
      cards: [{ number: 4111111111111111 }, { number: '5555 5555 5555 4444' }],
      phones: ['4155552671'],
      total: 4155552671,
      dob: '1985-03-12',
      createdAt: '1985-03-12',
    };
    expect(classifyJson(body, { now: Date.UTC(2025, 0, 1) })).toEqual([
      { class: 'email', pointer: '/customer/email' },
      { class: 'national-id', pointer: '/customer/ssn' },
      { class: 'email', pointer: '/customer/a~1b~0c' },
      { class: 'payment-card', pointer: '/cards/0/number' },
      { class: 'payment-card', pointer: '/cards/1/number' },
      // An array's items are named by the array: a list of phone numbers.
      { class: 'phone', pointer: '/phones/0' },
      { class: 'date-of-birth', pointer: '/dob' },
    ]);
  });

  it('classifies a bare scalar document', () => {
    expect(classifyJson('alice@example.com')).toEqual([{ class: 'email', pointer: '' }]);
    expect(classifyJson(null)).toEqual([]);
  });

  it('stops at maxNodes, maxMatches and maxDepth', () => {
    const many = Array.from({ length: 500 }, (_, i) => `user${i}@example.com`);
    expect(classifyJson(many, { maxNodes: 11 })).toHaveLength(10);
    expect(classifyJson(many, { maxMatches: 3 })).toHaveLength(3);
    let deep: unknown = 'alice@example.com';
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(classifyJson(deep, { maxDepth: 10 })).toEqual([]);
    expect(classifyJson(deep, { maxDepth: 60 })).toHaveLength(1);
  });
});
