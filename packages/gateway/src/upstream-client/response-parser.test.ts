import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ResponseParser } from './response-parser.js';

const SWITCH = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';

function parser(onUpgrade?: (headers: IncomingHttpHeaders, rest: Buffer) => void) {
  const seen: string[] = [];
  const p = new ResponseParser(
    {
      onHead: (status) => seen.push(`head ${status}`),
      onBody: (chunk) => seen.push(`body ${chunk.toString()}`),
      onEnd: () => seen.push('end'),
    },
    1024,
    onUpgrade ? { onUpgrade } : undefined,
  );
  p.expect('GET');
  return { p, seen };
}

describe('ResponseParser and 101 Switching Protocols', () => {
  it('refuses a 101 by default: a pooled exchange never asked to upgrade', () => {
    const { p } = parser();
    expect(() => p.execute(Buffer.from(SWITCH))).toThrow(
      /101 Switching Protocols to a request that asked for no upgrade/,
    );
  });

  it('with onUpgrade, reports the 101 with its headers and the bytes after the head, and stops', () => {
    const upgrades: [IncomingHttpHeaders, string][] = [];
    const { p, seen } = parser((headers, rest) => upgrades.push([headers, rest.toString('latin1')]));
    // A 100 Continue first is skipped; the head arrives in two pieces; frame bytes follow in the same read.
    p.execute(Buffer.from(`HTTP/1.1 100 Continue\r\n\r\n${SWITCH.slice(0, 20)}`));
    expect(upgrades).toEqual([]);
    p.execute(Buffer.from(`${SWITCH.slice(20)}\x81\x02hi`, 'latin1'));
    expect(upgrades).toEqual([[{ upgrade: 'websocket', connection: 'Upgrade' }, '\x81\x02hi']]);
    expect(seen).toEqual([]);
    expect(p.active).toBe(false);
  });

  it('with onUpgrade, reports an empty rest when the head ends the read', () => {
    const rests: number[] = [];
    const { p } = parser((_headers, rest) => rests.push(rest.length));
    p.execute(Buffer.from(SWITCH));
    expect(rests).toEqual([0]);
  });

  it('with onUpgrade, parses any other answer as a normal response', () => {
    const { p, seen } = parser(() => {
      throw new Error('not an upgrade');
    });
    p.execute(Buffer.from('HTTP/1.1 403 Forbidden\r\ncontent-length: 2\r\n\r\nno'));
    expect(seen).toEqual(['head 403', 'body no', 'end']);
  });
});
