import type { Dispatcher } from 'undici';

/**
 * Reads an undici response body into memory, at most `maxBytes`; throws (and destroys the body) beyond that, so a
 * misbehaving identity provider cannot make the gateway buffer without bound.
 */
export async function readLimitedBody(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.on('error', () => undefined);
      body.destroy();
      throw new Error(`response body larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
