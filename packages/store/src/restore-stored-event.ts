import { type ApiEvent, RampartError } from '@rampart/core';
import type { BodyCipher } from './create-body-cipher.js';
import type { SealedBodies } from './prepare-stored-event.js';

/**
 * Rebuilds an event from its stored JSON and, when `withBodies`, its sealed body texts. Throws
 * `RAMPART_ERR_STORE_DECRYPT` when the texts fail authentication or no key is configured to read them.
 */
export function restoreStoredEvent(
  data: string,
  sealed: Uint8Array | null,
  cipher: BodyCipher | undefined,
  withBodies: boolean,
): ApiEvent {
  const event = JSON.parse(data) as ApiEvent;
  if (!withBodies || sealed === null) return event;
  if (cipher === undefined) {
    throw new RampartError(
      'RAMPART_ERR_STORE_DECRYPT',
      `event ${event.id} has encrypted body samples but the store has no encryption key`,
      { hint: 'set RAMPART_STORE_KEY (or the key file) to the key that wrote them' },
    );
  }
  const bodies = JSON.parse(cipher.decrypt(sealed, event.id)) as SealedBodies;
  return {
    ...event,
    ...(event.requestBody && bodies.request !== undefined
      ? { requestBody: { ...event.requestBody, text: bodies.request } }
      : {}),
    ...(event.responseBody && bodies.response !== undefined
      ? { responseBody: { ...event.responseBody, text: bodies.response } }
      : {}),
  };
}
