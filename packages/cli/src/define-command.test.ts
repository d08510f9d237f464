import { describe, expect, it } from 'vitest';
import { defineCommand } from './define-command.js';

const base = { summary: 'Do it.', usage: '', examples: [], run: () => 0 } as const;

describe('defineCommand', () => {
  it('returns the command with defaults filled in', () => {
    const command = defineCommand({ ...base, name: 'config show' });
    expect(command).toMatchObject({
      name: 'config show',
      args: [],
      options: {},
      usesConfig: false,
      exitCodes: {},
    });
  });

  it('rejects misuse at definition time with a TypeError that says what is wrong', () => {
    expect(() => defineCommand({ ...base, name: 'Inspect' })).toThrow(/one or two kebab-case words/);
    expect(() => defineCommand({ ...base, name: 'a b c' })).toThrow(TypeError);
    expect(() => defineCommand({ ...base, name: 'x', summary: '' })).toThrow(/summary is required/);
    expect(() =>
      defineCommand({ ...base, name: 'x', options: { failOn: { type: 'string', description: 'd' } } }),
    ).toThrow(/must be kebab-case/);
    expect(() =>
      defineCommand({ ...base, name: 'x', options: { config: { type: 'string', description: 'd' } } }),
    ).toThrow(/"--config" is global/);
    expect(() =>
      defineCommand({
        ...base,
        name: 'x',
        options: { hat: { type: 'boolean', short: 'h', description: 'd' } },
      }),
    ).toThrow(/"-h" of --hat is invalid or taken/);
    expect(() =>
      defineCommand({
        ...base,
        name: 'x',
        options: { format: { type: 'string', choices: ['a'], default: 'b', description: 'd' } },
      }),
    ).toThrow(/not one of its choices/);
    expect(() =>
      defineCommand({
        ...base,
        name: 'x',
        args: [
          { name: 'a', description: 'd', required: false },
          { name: 'b', description: 'd' },
        ],
      }),
    ).toThrow(/required argument <b> follows an optional one/);
  });
});
