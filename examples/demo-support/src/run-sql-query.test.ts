import { describe, expect, it } from 'vitest';
import { runSqlQuery, SqlError } from './run-sql-query.js';

const rows = [
  { id: 1, ownerId: 1, merchant: 'Cafe', amount: -3 },
  { id: 2, ownerId: 1, merchant: "Joe's", amount: -10 },
  { id: 3, ownerId: 2, merchant: 'Cafe', amount: -5 },
];
const tables = { t: rows };

describe('runSqlQuery', () => {
  it.each([
    ["SELECT * FROM t WHERE owner_id = 1 AND merchant = 'Cafe'", [1]],
    ["SELECT * FROM t WHERE owner_id = 1 AND merchant = 'x' OR '1'='1'", [1, 2, 3]],
    ["SELECT * FROM t WHERE merchant = 'Joe''s'", [2]],
    ["SELECT * FROM t WHERE merchant LIKE 'ca%' ORDER BY amount ASC", [3, 1]],
    ['SELECT * FROM t WHERE NOT (owner_id = 1) -- comment', [3]],
    ['SELECT * FROM t ORDER BY id DESC LIMIT 2 OFFSET 1', [2, 1]],
  ])('%s', (sql, ids) => {
    expect(runSqlQuery(sql, tables).rows.map((row) => row.id)).toEqual(ids);
  });

  it('binds ? parameters as values, never as SQL', () => {
    const result = runSqlQuery('SELECT * FROM t WHERE owner_id = 1 AND merchant = ?', tables, [
      "x' OR '1'='1",
    ]);
    expect(result.total).toBe(0);
  });

  it.each([
    ["SELECT * FROM t WHERE merchant = 'x''", 'unrecognized token'],
    ['SELECT * FROM t WHERE', 'incomplete input'],
    ['SELECT * FROM t WHERE nope = 1', 'no such column: nope'],
    ['SELECT * FROM users', 'no such table: users'],
    ['SELECT * FROM t LIMIT 1 UNION', 'near "UNION": syntax error'],
  ])('reports %s like SQLite', (sql, message) => {
    expect(() => runSqlQuery(sql, tables)).toThrow(SqlError);
    expect(() => runSqlQuery(sql, tables)).toThrow(message);
  });

  describe('columnStyle', () => {
    const snake = { t: [{ id: 1, owner_id: 7, ownerId: 9 }] };

    it('reads snake_case columns from camelCase keys by default, ignoring a snake_case key', () => {
      expect(runSqlQuery('SELECT * FROM t WHERE owner_id = 9', snake).total).toBe(1);
      expect(runSqlQuery('SELECT * FROM t WHERE owner_id = 7', snake).total).toBe(0);
    });

    it('prefers the key spelled like the column with exact-or-camelCase', () => {
      const options = { columnStyle: 'exact-or-camelCase' } as const;
      expect(runSqlQuery('SELECT * FROM t WHERE owner_id = 7', snake, [], options).total).toBe(1);
      expect(runSqlQuery('SELECT * FROM t WHERE owner_id = 9', snake, [], options).total).toBe(0);
      // Falls back to camelCase keys, as the bank's rows have them.
      expect(runSqlQuery('SELECT * FROM t WHERE owner_id = 2 ORDER BY id', tables, [], options).total).toBe(
        1,
      );
    });

    it('still reports an unknown column with exact-or-camelCase', () => {
      expect(() =>
        runSqlQuery('SELECT * FROM t ORDER BY nope', snake, [], { columnStyle: 'exact-or-camelCase' }),
      ).toThrow('no such column: nope');
    });
  });
});
