/**
 * The bytes Node read past the head of an upgrade request (the `head` of the server's `upgrade` event), keyed by
 * request, until the WebSocket tunnel forwards them: a client may send its first frames in the same packet as
 * its handshake.
 */
export const upgradeHeads = new WeakMap<object, Buffer>();
