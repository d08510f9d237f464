import { connect } from 'node:net';

export interface RawResponse {
  /** Everything the server sent, as latin1 text. */
  readonly text: string;
  /** The status code of the first response, or 0 when none arrived. */
  readonly status: number;
  /** True when the server closed the connection (rather than the safety timer ending the wait). */
  readonly closedByServer: boolean;
}

/**
 * Sends raw bytes over a fresh TCP connection and collects what comes back until the server closes the
 * connection. `holdOpenMs` bounds the wait (a safety net, not an assertion): requests that keep the connection
 * alive are cut by it.
 */
export function rawRequest(port: number, data: string | Buffer, holdOpenMs = 3000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), holdOpenMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => {
      closedByServer = true;
    });
    socket.on('error', () => {
      closedByServer = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: m ? Number(m[1]) : 0, closedByServer });
    });
    socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  });
}
