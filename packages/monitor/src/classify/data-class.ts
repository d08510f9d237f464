/**
 * A kind of sensitive data found in a request or response. Stable identifiers: they are stored with events,
 * shown in the inventory and matched by policies.
 */
export type DataClass =
  | 'email'
  | 'phone'
  | 'payment-card'
  | 'iban'
  | 'national-id'
  | 'jwt'
  | 'api-key'
  | 'private-key'
  | 'ip-address'
  | 'date-of-birth';

/** Every data class, in a stable order (the order reports list them in). */
export const DATA_CLASSES: readonly DataClass[] = Object.freeze([
  'email',
  'phone',
  'payment-card',
  'iban',
  'national-id',
  'jwt',
  'api-key',
  'private-key',
  'ip-address',
  'date-of-birth',
]);

/** One place a data class was found: the class and the JSON pointer (RFC 6901) of the value. */
export interface DataClassMatch {
  readonly class: DataClass;
  /** `/customer/email`, `/items/0/card`; `''` for the whole value. */
  readonly pointer: string;
}
