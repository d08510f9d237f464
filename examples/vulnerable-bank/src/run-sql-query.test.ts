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
});
