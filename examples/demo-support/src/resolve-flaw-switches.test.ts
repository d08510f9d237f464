import { describe, expect, it } from 'vitest';
import { resolveFlawSwitches } from './resolve-flaw-switches.js';

const IDS = ['api1-account-bola', 'api1-card-bola', 'api9-debug-vars'];

describe('resolveFlawSwitches', () => {
  it('turns every flaw on by default, none in secure mode', () => {
    expect([...resolveFlawSwitches(IDS)]).toEqual(IDS);
    expect(resolveFlawSwitches(IDS, { secure: true, enabled: ['api1-account-bola'] }).size).toBe(0);
  });

  it('applies enabled, then disabled', () => {
    const on = resolveFlawSwitches(IDS, {
      enabled: ['api1-account-bola', 'api1-card-bola'],
      disabled: ['api1-card-bola'],
    });
    expect([...on]).toEqual(['api1-account-bola']);
    const off = resolveFlawSwitches(IDS, { disabled: ['api9-debug-vars'] });
    expect([...off]).toEqual(['api1-account-bola', 'api1-card-bola']);
  });

  it('rejects an unknown id, naming it and the known ids', () => {
    expect(() => resolveFlawSwitches(IDS, { disabled: ['api1-acount-bola'] })).toThrow(
      /"api1-acount-bola" is unknown; use one of the ids in flaws.json \(api1-account-bola, /,
    );
    expect(() => resolveFlawSwitches(IDS, { secure: true, enabled: ['nope'] })).toThrow(/"nope" is unknown/);
  });
});
