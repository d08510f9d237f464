import type { JsonSchema, Operation } from '@rampart/openapi';

/** The JSON schema of an operation's first documented 2xx response, if it has one. */
export function findResponseSchema(operation: Operation): JsonSchema | undefined {
  for (const response of operation.responses) {
    if (!/^2(\d\d|XX)$/i.test(response.status)) continue;
    const schema = response.content.find((m) => /json/i.test(m.mediaType))?.schema;
    if (schema !== undefined) return schema;
  }
  return undefined;
}
