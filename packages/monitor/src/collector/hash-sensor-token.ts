import { createHash } from 'node:crypto';

/**
 * The SHA-256 (hex) of a sensor token: what the collector's `tokens` map is keyed by, so that the collector's
 * configuration never holds the tokens themselves. Sensor tokens must be high-entropy random strings (e.g.
 * `openssl rand -base64 32`); an unsalted hash is then as good as a password hash, and cheap per request.
 */
export function hashSensorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
