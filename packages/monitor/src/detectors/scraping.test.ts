import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { scraping } from './scraping.js';

const T0 = 1_700_000_000_000;

describe('scraping', () => {
  it('fires on a bot reading every product detail at a steady pace without list pages', () => {
    const events = Array.from({ length: 120 }, (_, i) =>
      makeEvent({ path: `/products/${i + 1}`, route: '/products/{id}', time: T0 + i * 1000 + (i % 3) * 20 }),
    );
    const signals = runDetector(scraping, events);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals[0]!.summary).toMatch(/regular timing/);
    expect(signals[0]!.summary).toMatch(/detail reads/);
  });

  it('stays quiet for a health checker polling one path like clockwork', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      makeEvent({ path: '/health', time: T0 + i * 10_000 }),
    );
    expect(runDetector(scraping, events)).toEqual([]);
  });

  it('stays quiet for a busy person who browses lists and details at human, irregular pace', () => {
    const events: ApiEvent[] = [];
    let t = T0;
    for (let i = 0; i < 200; i++) {
      t += 500 + ((i * 7919) % 9000);
      const list = i % 4 === 0;
      events.push(
        makeEvent({
          path: list ? '/products' : `/products/${(i * 31) % 400}`,
          route: list ? '/products' : '/products/{id}',
          time: t,
        }),
      );
    }
    expect(runDetector(scraping, events)).toEqual([]);
  });
});
