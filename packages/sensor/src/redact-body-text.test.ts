import { describe, expect, it } from 'vitest';
import { redactBodyText } from './redact-body-text.js';

describe('redactBodyText', () => {
  it.each([
    [
      'complete JSON',
      '{"user":"a","password":"p1","nested":{"apiKey":"k"}}',
      'application/json',
      '{"user":"a","password":"[redacted]","nested":{"apiKey":"[redacted]"}}',
    ],
    [
      'truncated JSON',
      '{"user":"a","client_secret":"s3cr3t","pin":1234,"card":"41',
      'application/json',
      '{"user":"a","client_secret":"[redacted]","pin":"[redacted]","card":"41',
    ],
    [
      'JSON cut inside a secret value',
      '{"note":"x","token":"abcd',
      'application/json',
      '{"note":"x","token":"[redacted]"',
    ],
    [
      'a form',
      'username=bob&password=hunter2&remember=1',
      'application/x-www-form-urlencoded',
      'username=bob&password=%5Bredacted%5D&remember=1',
    ],
    ['plain text', 'password: hunter2', 'text/plain', 'password: hunter2'],
  ])('%s', (_name, text, type, expected) => {
    expect(redactBodyText(text, type)).toBe(expected);
  });
});
