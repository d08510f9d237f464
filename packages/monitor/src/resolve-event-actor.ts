import type { Actor, ApiEvent } from '@rampart/core';

let lastEvent: ApiEvent | undefined;
let lastActor: Actor | undefined;

/**
 * Who made a call, as the monitor keys per-caller state: the authenticated principal when there is one (so a
 * user behind a shared office address is one actor, and a roaming phone stays one actor), else the address.
 * The answer for the last event is memoized, since every detector asks about the same event in turn.
 */
export function resolveEventActor(event: ApiEvent): Actor {
  if (event === lastEvent && lastActor !== undefined) return lastActor;
  const subject = event.identity?.subject;
  lastActor =
    subject !== undefined && subject !== ''
      ? { kind: 'principal', value: subject }
      : { kind: 'ip', value: event.clientIp };
  lastEvent = event;
  return lastActor;
}
