import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { positiveModel } from './positive-model.js';

const CATEGORIES = ['shoes', 'bags', 'hats', 'coats'];
const normal = (i: number): ApiEvent =>
  makeEvent({
    path: '/products',
    route: '/products',
    query: {
      category: CATEGORIES[i % 4]!,
      page: String((i % 9) + 1),
      q: ['red', 'blue shoes', 'size 42'][i % 3]!,
    },
  });
const warmUp = Array.from({ length: 250 }, (_, i) => normal(i));

describe('positive-model', () => {
  it('learns nothing-to-report during warm-up, even for odd values', () => {
    const odd = makeEvent({ path: '/products', route: '/products', query: { page: "1'--" } });
    expect(runDetector(positiveModel, [odd, ...warmUp.slice(0, 100)])).toEqual([]);
  });

  it('after warm-up reports never-seen dangerous characters, naming the parameter and what was expected', () => {
    const attack = makeEvent({
      path: '/products',
      route: '/products',
      query: { q: "red' OR 1=1--", page: '2', category: 'bags' },
    });
    const signals = runDetector(positiveModel, [...warmUp, attack]);
    expect(signals).toHaveLength(1);
    const violation = (signals[0]!.details!['violations'] as { parameter: string; reason: string }[])[0]!;
    expect(violation).toMatchObject({ parameter: 'query.q', reason: 'characters' });
    expect(signals[0]!.severity).toBe('medium');
  });

  it('reports a type change and a value outside a learned enumeration', () => {
    const typed = makeEvent({ path: '/products', route: '/products', query: { page: 'abc' } });
    const enumerated = makeEvent({ path: '/products', route: '/products', query: { category: 'weapons' } });
    const signals = runDetector(positiveModel, [...warmUp, typed, enumerated]);
    expect(signals.map((s) => (s.details!['violations'] as { reason: string }[])[0]!.reason)).toEqual([
      'type',
      'enumeration',
    ]);
    expect(signals[1]!.severity).toBe('low');
  });

  it('stays quiet on more normal traffic after warm-up', () => {
    const more = Array.from({ length: 300 }, (_, i) => normal(i + 7));
    expect(runDetector(positiveModel, [...warmUp, ...more])).toEqual([]);
  });
});
