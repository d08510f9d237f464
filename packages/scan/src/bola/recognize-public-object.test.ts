import { describe, expect, it } from 'vitest';
import { recognizePublicObject } from './recognize-public-object.js';

const owner = JSON.stringify({ id: 7, name: 'Blue mug', price: 12.5, stock: 40 });

describe('recognizePublicObject', () => {
  it.each([
    [
      'anonymous reads the same body',
      { anonymous: { status: 200, body: owner }, heldBy: [] },
      'readable-anonymously',
    ],
    ['another identity lists it (catalogue)', { heldBy: ['bob'] }, 'seen-by-others'],
    ['anonymous is refused', { anonymous: { status: 401, body: owner }, heldBy: [] }, undefined],
    [
      'anonymous gets a 200 that is not the object',
      { anonymous: { status: 200, body: JSON.stringify({ error: 'login required' }) }, heldBy: [] },
      undefined,
    ],
    ['nobody else has it and anonymous was not asked', { heldBy: [] }, undefined],
  ] as const)('%s', (_name, evidence, expected) => {
    expect(recognizePublicObject({ ownerBody: owner, ...evidence })).toBe(expected);
  });
});
