import { randomBytes } from 'node:crypto';
import { connect, isIP } from 'node:net';

/** What a server answered to a ClientHello. */
export type ClientHelloAnswer =
  /** It chose one of the offered suites (`suite`) at `version` (`0x0303` = TLS 1.2). */
  | { readonly kind: 'accepted'; readonly suite: number; readonly version: number }
  /** It refused with a TLS alert (40 handshake_failure, 70 protocol_version, 71 insufficient_security, ...). */
  | { readonly kind: 'alert'; readonly alert: number }
  /** It closed the connection or answered something else: none of the suites was accepted. */
  | { readonly kind: 'closed' };

/** Where and what to offer. */
export interface ClientHelloOptions {
  readonly host: string;
  readonly port: number;
  /** SNI host name (omitted for IP addresses). */
  readonly servername?: string;
  /** Cipher suite codes offered, in preference order. */
  readonly suites: readonly number[];
  /** Legacy version field of the hello (default `0x0303`, TLS 1.2). */
  readonly version?: number;
  /** Default 5000 ms. */
  readonly timeoutMs?: number;
}

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const withLength16 = (body: Buffer) => Buffer.concat([u16(body.length), body]);
const extension = (type: number, body: Buffer) => Buffer.concat([u16(type), withLength16(body)]);

function buildClientHello(options: ClientHelloOptions): Buffer {
  const version = options.version ?? 0x0303;
  const extensions: Buffer[] = [];
  if (options.servername !== undefined && isIP(options.servername) === 0) {
    const name = Buffer.from(options.servername, 'ascii');
    extensions.push(extension(0x0000, withLength16(Buffer.concat([Buffer.from([0]), withLength16(name)]))));
  }
  // supported_groups x25519, secp256r1, secp384r1; ec_point_formats uncompressed: needed for ECDHE suites.
  extensions.push(extension(0x000a, withLength16(Buffer.concat([u16(0x001d), u16(0x0017), u16(0x0018)]))));
  extensions.push(extension(0x000b, Buffer.from([1, 0])));
  // signature_algorithms: SHA-256 and SHA-1 with RSA and ECDSA, RSA-PSS.
  const sigalgs = [0x0401, 0x0403, 0x0804, 0x0501, 0x0201, 0x0203];
  extensions.push(extension(0x000d, withLength16(Buffer.concat(sigalgs.map(u16)))));
  // renegotiation_info (RFC 5746), which some servers require.
  extensions.push(extension(0xff01, Buffer.from([0])));
  const body = Buffer.concat([
    u16(version),
    randomBytes(32),
    Buffer.from([0]), // no session id
    withLength16(Buffer.concat(options.suites.map(u16))),
    Buffer.from([1, 0]), // compression: null only
    withLength16(Buffer.concat(extensions)),
  ]);
  const handshake = Buffer.concat([
    Buffer.from([0x01, (body.length >> 16) & 0xff]),
    u16(body.length & 0xffff),
    body,
  ]);
  // The record layer says TLS 1.0, as real clients do for maximum compatibility.
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), withLength16(handshake)]);
}

/**
 * Sends one hand-built TLS ClientHello that offers exactly `suites` and reads the server's first record:
 * a ServerHello means it accepted one of them (a server must choose from the client's list), an alert or a
 * closed connection means it accepted none. This probes suites the local OpenSSL refuses to offer (RC4,
 * 3DES, export), as testssl.sh and sslyze do with their own hellos. No handshake is completed. Rejects on
 * connection failures (refused, timeout), which say nothing about the suites.
 */
export function sendClientHello(options: ClientHelloOptions): Promise<ClientHelloAnswer> {
  const hello = buildClientHello(options);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host, port: options.port });
    let received = Buffer.alloc(0);
    let connected = false;
    const finish = (answer: ClientHelloAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(options.timeoutMs ?? 5000, () => {
      socket.destroy();
      if (connected) resolve({ kind: 'closed' });
      else reject(new Error(`TLS probe of ${options.host}:${options.port} timed out`));
    });
    socket.on('connect', () => {
      connected = true;
      socket.write(hello);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 5) return;
      const type = received[0];
      if (type === 0x15 && received.length >= 7)
        return finish({ kind: 'alert', alert: received[6] as number });
      if (type !== 0x16) return finish({ kind: 'closed' });
      // Handshake record: type(1) length(3) version(2) random(32) session id length(1) ... suite(2).
      if (received.length < 5 + 4 + 2 + 32 + 1) return;
      if (received[5] !== 0x02) return finish({ kind: 'closed' });
      const sessionIdLength = received[5 + 4 + 2 + 32] as number;
      const at = 5 + 4 + 2 + 32 + 1 + sessionIdLength;
      if (received.length < at + 2) return;
      finish({ kind: 'accepted', version: received.readUInt16BE(9), suite: received.readUInt16BE(at) });
    });
    socket.on('end', () => finish({ kind: 'closed' }));
    socket.on('error', (error) => {
      if (connected) finish({ kind: 'closed' });
      else reject(error);
    });
  });
}
