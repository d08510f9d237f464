/**
 * Evaluates a MongoDB-style query operand against a stored string, the way a document store would when a login
 * handler passes the request body straight into `findOne({ username, password })`. Strings compare through
 * `equals`; objects are operators (`$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$in`, `$nin`, `$regex`, `$exists`).
 */
export function matchQueryOperand(
  stored: string,
  operand: unknown,
  equals: (value: string) => boolean,
): boolean {
  if (typeof operand === 'string') return equals(operand);
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) return false;
  const entries = Object.entries(operand);
  if (entries.length === 0) return false;
  return entries.every(([op, value]) => {
    switch (op) {
      case '$eq':
        return typeof value === 'string' && equals(value);
      case '$ne':
        return value === null || (typeof value === 'string' && !equals(value));
      case '$gt':
        return stored > String(value);
      case '$gte':
        return stored >= String(value);
      case '$lt':
        return stored < String(value);
      case '$lte':
        return stored <= String(value);
      case '$in':
        return Array.isArray(value) && value.some((v) => typeof v === 'string' && equals(v));
      case '$nin':
        return Array.isArray(value) && !value.some((v) => typeof v === 'string' && equals(v));
      case '$exists':
        return value === true;
      case '$regex':
        try {
          return typeof value === 'string' && value.length <= 64 && new RegExp(value).test(stored);
        } catch {
          return false;
        }
      default:
        return false;
    }
  });
}
