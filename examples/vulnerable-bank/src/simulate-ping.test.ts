import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';
import { simulatePing } from './simulate-ping.js';

describe('simulatePing', () => {
  it('prints ping output for a plain host', async () => {
    const output = await simulatePing('10.1.2.3');
    expect(output).toContain('PING 10.1.2.3');
    expect(output).not.toContain('uid=');
  });

  it.each([
    ['127.0.0.1; id', 'uid=33(www-data)'],
    ['127.0.0.1 && whoami', 'www-data'],
    ['127.0.0.1 | cat /etc/passwd', 'root:x:0:0'],
    ['127.0.0.1`hostname`', 'core-banking-prod-03'],
    ['127.0.0.1;rm -rf /', 'sh: 1: rm: not found'],
  ])('fakes the output of %s without running anything', async (host, expected) => {
    expect(await simulatePing(host)).toContain(expected);
  });
});

describe('renderTemplate', () => {
  it.each([
    ['Hi {{7*7}}', 'Hi 49'],
    ['{{ (2+3) * 4 - 1 }}', '19'],
    ['{{user.name}}!', 'Ann!'],
    ['{{constructor}}', '{{constructor}}'],
    ['{{process.exit()}}', '{{process.exit()}}'],
    ['{{1/0}}', '{{1/0}}'],
  ])('renders %s as %s', (template, expected) => {
    expect(renderTemplate(template, { user: { name: 'Ann' } })).toBe(expected);
  });
});
