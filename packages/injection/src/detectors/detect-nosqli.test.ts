import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const classes = (input: Parameters<typeof inspector.inspect>[0]) =>
  inspector.inspect(input).map((h) => h.class);

describe('nosqli detector', () => {
  it('fires on operator keys in a JSON body', () => {
    expect(classes({ body: { username: 'admin', password: { $ne: null } } })).toContain('nosqli');
    expect(classes({ body: { $where: 'sleep(5000)' } })).toContain('nosqli');
    expect(classes({ body: { name: { $regex: '^a' } } })).toContain('nosqli');
  });

  it('fires on bracket operators in a query string', () => {
    expect(classes({ path: '/login?user=admin&password[$ne]=x' })).toContain('nosqli');
    expect(classes({ path: '/login?password%5B%24gt%5D=' })).toContain('nosqli');
  });

  it('fires on JSON with operators sent inside a string, and on $where breakouts', () => {
    expect(classes({ query: { filter: '{"price": {"$gt": 0}}' } })).toContain('nosqli');
    expect(classes({ query: { name: "a'; return true; var x='" } })).toContain('nosqli');
  });

  it('fires on prototype pollution keys', () => {
    expect(classes({ body: JSON.parse('{"__proto__": {"isAdmin": true}}') })).toContain('nosqli');
    expect(classes({ path: '/x?constructor[prototype][isAdmin]=1' })).toContain('nosqli');
  });

  it.each([
    { body: { price: '$10', note: 'costs $5 more', currency: 'USD' } },
    { body: { query: 'query Orders($first: Int!) { orders(first: $first) { id } }' } },
    { path: '/items?price[gte]=10' },
  ])('does not fire on %j', (input) => {
    expect(classes(input)).not.toContain('nosqli');
  });
});
