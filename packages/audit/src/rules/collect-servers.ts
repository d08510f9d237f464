import type { ApiModel, Operation, Server } from '@rampart/openapi';

/** A server entry and the operations it serves (empty for document-level servers, which serve the whole API). */
export interface ServerUse {
  readonly server: Server;
  readonly operations: readonly Operation[];
}

/**
 * Every distinct server URL of the document (document, path-item and operation level; the same URL written in
 * many operations counts once, at its first entry), with the operations it serves, so a rule reports each
 * server once.
 */
export function collectServers(model: ApiModel): ServerUse[] {
  const uses = new Map<string, { server: Server; operations: Operation[] }>();
  for (const server of model.servers)
    if (!uses.has(server.url)) uses.set(server.url, { server, operations: [] });
  for (const operation of model.operations) {
    for (const server of operation.servers) {
      const use = uses.get(server.url);
      if (use === undefined) uses.set(server.url, { server, operations: [operation] });
      // A document-level server concerns the whole API, not a list of every operation.
      else if (!use.server.pointer.startsWith('/servers/')) use.operations.push(operation);
    }
  }
  return [...uses.values()];
}
