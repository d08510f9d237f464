import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, isIPv6, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { type Alert, RampartError } from '@rampart/core';
import type { AlertChange, AlertSink } from './alert-sink.js';
import { createDeliveryQueue } from './create-delivery-queue.js';
import { type CefProduct, formatCefMessage } from './format-cef-message.js';
import { formatSyslogMessage } from './format-syslog-message.js';

export interface SyslogSinkOptions {
  readonly host: string;
  readonly port: number;
  /** `udp` (RFC 5426, one message per datagram) or `tcp` (RFC 6587 octet counting). Default `udp`. */
  readonly transport?: 'udp' | 'tcp';
  /** Syslog facility 0-23. Default 16 (local0). */
  readonly facility?: number;
  /** HOSTNAME field. Default the machine's host name. */
  readonly hostname?: string;
  readonly appName?: string;
  readonly product?: CefProduct;
  /** Longest message in bytes; longer messages are cut (UDP receivers must take 2048, most take 8192). */
  readonly maxMessageBytes?: number;
  readonly maxQueue?: number;
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Creates a sink that sends each alert as an RFC 5424 syslog message whose MSG is a CEF line
 * (`formatCefMessage`), over UDP or TCP. TCP reconnects on the next message after a failure; both go through
 * a bounded queue with retries, so a dead SIEM never blocks ingestion (alerts past the queue are dropped and
 * counted). Throws `TypeError` for a bad port or transport.
 */
export function createSyslogSink(options: SyslogSinkOptions): AlertSink {
  const transport = options.transport ?? 'udp';
  if (transport !== 'udp' && transport !== 'tcp') {
    throw new TypeError(`syslog sink transport must be "udp" or "tcp", got ${JSON.stringify(transport)}`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    throw new TypeError(`syslog sink port must be an integer 1-65535, got ${String(options.port)}`);
  }
  const maxBytes = options.maxMessageBytes ?? 8192;
  const host = options.hostname ?? hostname();
  const where = `${options.host}:${options.port}`;
  let udp: UdpSocket | undefined;
  let tcp: Socket | undefined;
  let tcpReady: Promise<Socket> | undefined;

  const openTcp = (): Promise<Socket> => {
    tcpReady ??= new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: options.host, port: options.port });
      socket.setNoDelay(true);
      const fail = (cause: unknown) => {
        tcpReady = undefined;
        tcp = undefined;
        socket.destroy();
        reject(new RampartError('RAMPART_ERR_INTERNAL', `syslog ${where} (tcp) is unreachable`, { cause }));
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        socket.on('error', () => {
          tcpReady = undefined;
          tcp = undefined;
        });
        socket.on('close', () => {
          tcpReady = undefined;
          tcp = undefined;
        });
        tcp = socket;
        resolve(socket);
      });
    });
    return tcpReady;
  };

  const queue = createDeliveryQueue<Buffer>({
    ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.onError !== undefined ? { onError: options.onError } : {}),
    async deliver(message) {
      if (transport === 'udp') {
        udp ??= createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
        const socket = udp;
        await new Promise<void>((resolve, reject) => {
          socket.send(message, options.port, options.host, (cause) =>
            cause
              ? reject(
                  new RampartError('RAMPART_ERR_INTERNAL', `syslog ${where} (udp) send failed`, { cause }),
                )
              : resolve(),
          );
        });
        return;
      }
      const socket = await openTcp();
      // RFC 6587 octet counting: "<length> <message>", so messages may contain line breaks.
      const framed = Buffer.concat([Buffer.from(`${message.length} `), message]);
      await new Promise<void>((resolve, reject) => {
        socket.write(framed, (cause) =>
          cause
            ? reject(
                new RampartError('RAMPART_ERR_INTERNAL', `syslog ${where} (tcp) write failed`, { cause }),
              )
            : resolve(),
        );
      });
    },
  });

  return {
    name: 'syslog',
    send(alert: Alert, change: AlertChange) {
      const text = formatSyslogMessage(
        {
          severity: alert.severity,
          time: alert.lastSeen,
          hostname: host,
          ...(options.facility !== undefined ? { facility: options.facility } : {}),
          ...(options.appName !== undefined ? { appName: options.appName } : {}),
        },
        formatCefMessage(alert, change, options.product),
      );
      let bytes = Buffer.from(text, 'utf8');
      if (bytes.length > maxBytes) bytes = bytes.subarray(0, maxBytes);
      queue.push(bytes);
    },
    flush: () => queue.drain(),
    async close() {
      await queue.close();
      udp?.close();
      udp = undefined;
      if (tcp !== undefined) {
        const socket = tcp;
        await new Promise<void>((resolve) => socket.end(resolve));
      }
    },
    stats: () => queue.stats(),
  };
}
