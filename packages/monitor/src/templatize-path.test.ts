import { describe, expect, it } from 'vitest';
import { templatizePath } from './templatize-path.js';

describe('templatizePath', () => {
  it.each([
    ['/accounts/1042', '/accounts/{id}', { id: '1042' }],
    [
      '/users/3f2b8c1e-9a4d-4c7e-8f00-1234567890ab/orders/7',
      '/users/{uuid}/orders/{id}',
      {
        uuid: '3f2b8c1e-9a4d-4c7e-8f00-1234567890ab',
        id: '7',
      },
    ],
    [
      '/blobs/9f86d081884c7d659a2feaa0c55ad015',
      '/blobs/{hash}',
      { hash: '9f86d081884c7d659a2feaa0c55ad015' },
    ],
    ['/reports/2024-01-31', '/reports/{date}', { date: '2024-01-31' }],
    ['/people/ann@example.com', '/people/{email}', { email: 'ann@example.com' }],
    ['/accounts/ACC000123/cards/77', '/accounts/{code}/cards/{id}', { code: 'ACC000123', id: '77' }],
    ['/a/1/b/2', '/a/{id}/b/{id2}', { id: '1', id2: '2' }],
  ])('%s → %s', (path, template, params) => {
    expect(templatizePath(path)).toEqual({ template, params });
  });

  it.each(['/products', '/api/v1/users', '/static/app.min.js', '/orders/new', '/blog/hello-world-2'])(
    'leaves words alone: %s',
    (path) => {
      expect(templatizePath(path).template).toBe(path);
    },
  );
});
