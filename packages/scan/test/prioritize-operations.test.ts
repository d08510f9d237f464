import { prioritizeOperations } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { bankModel } from './start-bank.js';

describe('prioritizeOperations', () => {
  it('puts planned operations first, most urgent first, keeps every other operation, and lists unknown ones', async () => {
    const model = await bankModel();
    const {
      model: ordered,
      prioritized,
      unmatched,
    } = prioritizeOperations(model, {
      version: 1,
      entries: [
        { kind: 'pagination', priority: 3, method: 'GET', path: '/transactions' },
        { kind: 'bola', priority: 1, method: 'PATCH', path: '/cards/{cardId}' },
        { kind: 'mass-assignment', priority: 2, method: 'PATCH', path: '/cards/{cardId}' },
        { kind: 'bola', priority: 1, method: 'GET', path: '/gone/{id}' },
      ],
    });
    expect(ordered.operations.slice(0, 2).map((op) => op.key)).toEqual([
      'PATCH /cards/{cardId}',
      'GET /transactions',
    ]);
    expect(prioritized).toHaveLength(2);
    expect(unmatched).toEqual(['GET /gone/{id}']);
    expect(new Set(ordered.operations)).toEqual(new Set(model.operations));
    expect(ordered.locatePointer(ordered.operations[0]!.pointer)?.line).toBeGreaterThan(0);
  });
});
