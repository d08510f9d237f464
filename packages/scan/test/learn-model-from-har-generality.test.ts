import { learnModelFromHar } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { findPrivilegeClaim } from '../src/har/find-privilege-claim.js';
import { templatePath } from '../src/har/template-path.js';

// Conventions met on the clinic demo (examples/clinic-api) that the bank does not have: file names in paths,
// cookie sessions whose privilege only the login answer tells.

const API = 'https://portal.example.test/api/v2';

function entry(
  method: string,
  path: string,
  options: { sid?: string; status?: number; response?: unknown; setCookie?: string; form?: string } = {},
) {
  return {
    request: {
      method,
      url: `${API}${path}`,
      headers: options.sid ? [{ name: 'Cookie', value: `portal_session=${options.sid}` }] : [],
      ...(options.form
        ? { postData: { mimeType: 'application/x-www-form-urlencoded', text: options.form } }
        : {}),
    },
    response: {
      status: options.status ?? 200,
      headers: options.setCookie ? [{ name: 'Set-Cookie', value: options.setCookie }] : [],
      content: { mimeType: 'application/json', text: JSON.stringify(options.response ?? {}) },
    },
  };
}

describe('templatePath', () => {
  it.each([
    [
      '/patients/3f2504e0-4f89-11d3-9a0c-0305e82c3301/documents/referral-letter.pdf',
      '/patients/{patientId}/documents/{fileName}',
    ],
    ['/documents/2024-01.csv', '/documents/{fileName}'],
    ['/users/7/avatar/me.png', '/users/{userId}/avatar/{fileName}'],
  ])('turns the file name of %s into a parameter', (path, template) => {
    expect(templatePath(path).template).toBe(template);
  });

  it.each(['/openapi.json', '/v1/export.csv', '/reports/summary', '/files/readme'])(
    'keeps %s literal where the name is no member of a collection of files',
    (path) => {
      expect(templatePath(path).template).toBe(path);
    },
  );
});

describe('findPrivilegeClaim', () => {
  it.each([
    [{ user_id: 'x', is_staff: true }, 'is_staff=true'],
    [{ user: { role: 'admin' } }, 'role=admin'],
    [{ roles: ['user', 'ROLE_ADMIN'] }, 'roles=ROLE_ADMIN'],
  ])('finds the privilege in %j', (body, claim) => {
    expect(findPrivilegeClaim(body)).toBe(claim);
  });

  it.each([
    [{ is_staff: false }],
    [{ role: 'patient' }],
    [{ data: [{ is_admin: true }] }],
    [[{ role: 'admin' }]],
  ])('finds none in %j', (body) => {
    expect(findPrivilegeClaim(body)).toBeUndefined();
  });
});

describe('learnModelFromHar, privileged sessions', () => {
  const har = {
    log: {
      entries: [
        entry('POST', '/auth/login', {
          form: 'email=a%40x.org&password=p',
          response: { user_id: 'a', is_staff: false },
          setCookie: 'portal_session=user-a; Path=/; HttpOnly',
        }),
        entry('POST', '/auth/login', {
          form: 'email=desk%40x.org&password=p',
          response: { user_id: 's', is_staff: true },
          setCookie: 'portal_session=staff-s; Path=/; HttpOnly',
        }),
        entry('GET', '/me', { sid: 'user-a', response: { id: 'a' } }),
        entry('GET', '/me', { sid: 'staff-s', response: { id: 's' } }),
        entry('GET', '/patients', { sid: 'staff-s', response: { data: [] } }),
        entry('GET', '/appointments', { sid: 'user-a', response: { data: [] } }),
        entry('GET', '/reports', { sid: 'staff-s', response: { data: [] } }),
        entry('GET', '/reports', { sid: 'user-a', status: 403, response: {} }),
      ],
    },
  };

  it('tags operations only privileged sessions succeeded on as admin, and no others', async () => {
    const model = await learnModelFromHar(har, { target: API });
    const tagged = model.operations.filter((op) => op.tags.includes('admin')).map((op) => op.key);
    expect(tagged.sort()).toEqual(['GET /patients', 'GET /reports']);
    expect(model.operations.find((op) => op.key === 'GET /me')?.tags).toEqual([]);
  });

  it('tags nothing when the traffic has no ordinary session to compare with', async () => {
    const staffOnly = {
      log: { entries: har.log.entries.filter((e) => !JSON.stringify(e).includes('user-a')) },
    };
    const model = await learnModelFromHar(staffOnly, { target: API });
    expect(model.operations.filter((op) => op.tags.includes('admin'))).toEqual([]);
  });
});
