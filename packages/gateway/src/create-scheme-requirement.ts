import type { ApiModel, Operation } from '@rampart/openapi';

/**
 * How an operation's security requirements concern one authentication policy: `none` (no alternative names any of
 * its schemes: the policy leaves the request alone), `required` (every alternative names one: without a valid
 * credential the request cannot be authorized), `optional` (some alternatives do: a credential that is present
 * must be valid; whether the request may go on without one is decided by the `authorize` policy, which evaluates
 * the alternatives).
 */
export type SchemeRequirement = 'none' | 'required' | 'optional';

/**
 * Precomputes, for every operation of `model`, how its security requirements concern the security schemes named
 * in `schemes`. Without a model every request concerns the policy (`required`).
 */
export function createSchemeRequirement(
  model: ApiModel | undefined,
  schemes: ReadonlySet<string>,
): (operation: Operation | undefined) => SchemeRequirement {
  if (!model) return () => 'required';
  const table = new WeakMap<Operation, SchemeRequirement>();
  for (const operation of model.operations) {
    const alternatives = operation.security;
    let naming = 0;
    for (const alternative of alternatives)
      if (Object.keys(alternative).some((name) => schemes.has(name))) naming++;
    table.set(operation, naming === 0 ? 'none' : naming === alternatives.length ? 'required' : 'optional');
  }
  return (operation) => (operation === undefined ? 'none' : (table.get(operation) ?? 'none'));
}
