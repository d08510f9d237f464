/** Something the registry can end: a WebSocket tunnel. */
export interface RegisteredTunnel {
  /** Ends the tunnel now; it removes itself from the registry once its client connection has closed. */
  destroy(): void;
}

/**
 * The WebSocket tunnels of one gateway, across reloads: counted against `limits.maxWebSockets` (a handshake
 * holds a place while it is forwarded, so concurrent handshakes cannot overshoot the cap) and ended by
 * `close()` after its drain period.
 */
export interface TunnelRegistry {
  readonly size: number;
  add(tunnel: RegisteredTunnel): void;
  delete(tunnel: RegisteredTunnel): void;
  /** Destroys every tunnel; resolves once all have removed themselves (their events are then emitted). */
  closeAll(): Promise<void>;
}

/** An empty registry. */
export function createTunnelRegistry(): TunnelRegistry {
  const tunnels = new Set<RegisteredTunnel>();
  let emptied: (() => void) | undefined;
  return {
    get size() {
      return tunnels.size;
    },
    add(tunnel) {
      tunnels.add(tunnel);
    },
    delete(tunnel) {
      if (tunnels.delete(tunnel) && tunnels.size === 0) emptied?.();
    },
    closeAll() {
      if (tunnels.size === 0) return Promise.resolve();
      const done = new Promise<void>((resolve) => {
        emptied = resolve;
      });
      for (const tunnel of [...tunnels]) tunnel.destroy();
      return done;
    },
  };
}
