import type { IncomingMessage } from 'node:http';

/**
 * Reads the whole body of `req` as UTF-8. Past `maxBytes` it rejects with the error `tooLarge` builds (each demo
 * answers in its own error shape) and destroys the request, so a huge upload cannot exhaust memory.
 */
export function readRequestBody(
  req: IncomingMessage,
  maxBytes: number,
  tooLarge: (maxBytes: number) => Error,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge(maxBytes));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
