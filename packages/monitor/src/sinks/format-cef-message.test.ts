import type { Alert } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { formatCefMessage } from './format-cef-message.js';
import { formatSlackMessage } from './format-slack-message.js';
import { formatSyslogMessage } from './format-syslog-message.js';

const alert: Alert = {
  id: 'a-1',
  detector: 'injection',
  title: 'Injection | attempt',
  severity: 'critical',
  owasp: 'API8',
  actor: { kind: 'ip', value: '203.0.113.5' },
  targets: ['GET /items'],
  firstSeen: 1000,
  lastSeen: 2000,
  count: 3,
  evidenceEventIds: ['e1', 'e2'],
  key: 'injection|ip:203.0.113.5|injection:sqli',
  details: { summary: 'a=b\\c\nsuser=forged <!channel>' },
};

describe('formatCefMessage', () => {
  it('escapes | and \\ in the header and =, \\ and line breaks in extension values', () => {
    const cef = formatCefMessage(alert, 'opened');
    expect(cef.startsWith('CEF:0|Rampart|Rampart Monitor|0.1.0|injection|Injection \\| attempt|10|')).toBe(
      true,
    );
    expect(cef).toContain('msg=a\\=b\\\\c\\nsuser\\=forged <!channel>');
    expect(cef).toContain('src=203.0.113.5');
    expect(cef).toContain('cnt=3');
    expect(cef).not.toContain('\n');
    // Exactly the fields we wrote: the forged "suser=" is inside msg, escaped.
    expect(cef.match(/(?<!\\) suser=/g)).toBeNull();
  });
});

describe('formatSyslogMessage', () => {
  it('writes an RFC 5424 header with PRI from facility and severity', () => {
    const line = formatSyslogMessage(
      { severity: 'critical', time: Date.UTC(2024, 0, 2, 3, 4, 5, 6), hostname: 'gw 1', procId: '42' },
      'CEF:0|x',
    );
    // local0 (16) * 8 + crit (2) = 130
    expect(line).toBe('<130>1 2024-01-02T03:04:05.006Z gw1 rampart 42 alert - CEF:0|x');
    expect(() => formatSyslogMessage({ severity: 'low', time: 0, hostname: 'h', facility: 24 }, 'x')).toThrow(
      TypeError,
    );
  });
});

describe('formatSlackMessage', () => {
  it('gives text and blocks, with attacker text escaped so it cannot mention @channel', () => {
    const message = formatSlackMessage(alert, 'opened');
    expect(message.text).toMatch(/^New alert: \[critical\] Injection \| attempt by ip 203.0.113.5/);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('<!channel>');
  });
});
