import type { ApiModel, Operation } from '@rampart/openapi';

/** An operation the API calls on someone else's server: an OpenAPI callback or a 3.1 webhook. */
export interface OutboundCall {
  readonly operation: Operation;
  /** The callback's or webhook's name. */
  readonly name: string;
  /** The operation that registers the callback; undefined for webhooks. */
  readonly owner?: Operation;
  /** e.g. `callback "onEvent" (POST {$request.body#/url}) of POST /subscriptions`, `webhook "newPet" (POST)`. */
  readonly label: string;
}

/** Every callback operation (of every operation, one level deep) and every webhook of the model. */
export function collectCallbacks(model: ApiModel): OutboundCall[] {
  const calls: OutboundCall[] = [];
  for (const owner of model.operations) {
    for (const [name, operations] of Object.entries(owner.callbacks)) {
      for (const operation of operations) {
        calls.push({
          operation,
          name,
          owner,
          label: `callback "${name}" (${operation.method.toUpperCase()} ${operation.path}) of ${owner.key}`,
        });
      }
    }
  }
  for (const operation of model.webhooks) {
    calls.push({
      operation,
      name: operation.path,
      label: `webhook "${operation.path}" (${operation.method.toUpperCase()})`,
    });
  }
  return calls;
}
