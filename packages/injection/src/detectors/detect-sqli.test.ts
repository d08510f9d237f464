import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string) => inspector.inspectValue(value, 'query.q').some((h) => h.class === 'sqli');

describe('sqli detector', () => {
  it.each([
    "1' OR '1'='1",
    "admin'--",
    "admin' #",
    "' or 1=1--",
    '1 OR 1=1',
    '1) AND (1=1',
    "x' AND 1=2 UNION SELECT username, password FROM users--",
    '-1 UNION ALL SELECT NULL,NULL,version()--',
    "'; DROP TABLE users; --",
    "1; WAITFOR DELAY '0:0:5'--",
    "1' AND SLEEP(5)#",
    "'||pg_sleep(5)--",
    "' ORDER BY 3--",
    '" or ""="',
    "1'/**/UNION/**/SELECT/**/1,2--",
    '1 /*!50000UNION*/ /*!50000SELECT*/ 1',
    'SELECT * FROM information_schema.tables',
    "x' AND extractvalue(1,concat(0x7e,version()))--",
    // encodings
    '1%27%20OR%20%271%27%3D%271',
    '1%2527%2520OR%25201%253D1--',
    '1\\u0027 OR 1=1--',
    'MScgT1IgJzEnPScx', // base64 of "1' OR '1'='1"
    '1&#39; OR &#39;1&#39;=&#39;1',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each([
    "O'Brien",
    "D'Angelo's pizza",
    'select a plan that fits',
    'Please select the option or drop me a line',
    'union jack flag',
    'Union Station -- north entrance',
    "It's fine -- really, it's fine.",
    'Tom & Jerry; more to come',
    'rock and roll',
    'Order #12345 -- where is it?',
    '5 or 6 items',
    "I don't know, it's 'fine' or whatever",
    'update me tomorrow; delete later',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });

  it('reports the decoding layers that revealed the payload', () => {
    const hit = inspector
      .inspectValue('1%27%20OR%20%271%27%3D%271', 'query.id')
      .find((h) => h.class === 'sqli');
    expect(hit?.decoded).toEqual(['url']);
    expect(hit?.location).toBe('query.id');
  });
});

describe('sqli detector: dialect constructs and SQL-only functions', () => {
  const rule = (value: string) =>
    inspector.inspectValue(value, 'query.q').find((h) => h.class === 'sqli')?.ruleId;

  it.each([
    ["x' AND password::int=1--", 'sqli-postgres-cast'],
    ['id::int', 'sqli-postgres-cast'],
    ["'{\"a\":1}' @> '{}'", 'sqli-json-operator'],
    ['DECLARE/**/@q varchar(99)', 'sqli-tsql-variable'],
    ['CASE WHEN 1=1 THEN 1 ELSE 0 END', 'sqli-case-when'],
    ['SELECT version()', 'sqli-select-function'],
    ['1 AS "x" FROM users', 'sqli-column-alias'],
    ["admin@example.com';", 'sqli-stacked-query'],
    ['group_concat(table_name)', 'sqli-sql-function'],
    ["pg_read_file('/etc/passwd')", 'sqli-dangerous-function'],
  ])('fires on %j (%s)', (value, ruleId) => {
    expect(rule(value)).toBe(ruleId);
  });

  it.each([
    'std::string name',
    'fe80::1',
    'in case when you need it, then call',
    "O'Brien;",
    'count(3) apples',
    'the alias "Bob" from Texas',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });
});
