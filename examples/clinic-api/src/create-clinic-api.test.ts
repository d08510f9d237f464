import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApi } from './create-clinic-api.js';
import { SEED_ACCOUNTS } from './create-clinic-state.js';
import { startTestClinic, type TestClinic } from './start-test-clinic.js';

let clinic: TestClinic | undefined;

afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('secure mode', () => {
  it('serves a patient journey: sign in, browse, book, read, change, cancel, sign out', async () => {
    clinic = await startTestClinic({ secure: true });
    expect(clinic.api.enabledFlaws.size).toBe(0);
    const ana = await clinic.login('ana');
    const me = await clinic.call('GET', '/me', { session: ana });
    expect(me.json).toMatchObject({ id: SEED_ACCOUNTS.ana.id, is_staff: false });
    expect(me.json.ssn).toBeUndefined();

    const practitioners = await clinic.call('GET', '/practitioners?per_page=5', { session: ana });
    expect(practitioners.json.data).toHaveLength(5);
    expect(practitioners.json.meta).toEqual({ page: 1, per_page: 5, total: 12 });
    const doctor = practitioners.json.data[0].id;
    const slots = await clinic.call('GET', `/practitioners/${doctor}/slots?page=2&per_page=100`, {
      session: ana,
    });
    expect(slots.json.data).toHaveLength(100);

    const booked = await clinic.call('POST', '/appointments', {
      session: ana,
      body: { practitioner_id: doctor, starts_at: '2025-03-05T09:00:00.000Z', reason: 'Back pain' },
    });
    expect(booked.status).toBe(201);
    expect(booked.headers.location).toBe(`/api/v2/appointments/${booked.json.id}`);
    const id = booked.json.id as string;
    expect((await clinic.call('GET', `/appointments/${id}`, { session: ana })).json.reason).toBe('Back pain');
    const mine = await clinic.call('GET', '/appointments?status=booked', { session: ana });
    expect(mine.json.data.every((a: { patient_id: string }) => a.patient_id === SEED_ACCOUNTS.ana.id)).toBe(
      true,
    );
    expect(mine.json.data.map((a: { id: string }) => a.id)).toContain(id);

    const ben = await clinic.login('ben');
    expect((await clinic.call('GET', `/appointments/${id}`, { session: ben })).status).toBe(404);
    expect(
      (await clinic.call('PATCH', `/appointments/${id}`, { session: ana, body: { status: 'cancelled' } }))
        .json.status,
    ).toBe('cancelled');
    expect((await clinic.call('DELETE', `/appointments/${id}`, { session: ana })).status).toBe(204);

    expect((await clinic.call('POST', '/auth/logout', { session: ana })).status).toBe(204);
    expect((await clinic.call('GET', '/me', { session: ana })).status).toBe(401);
  });

  it('answers errors in its envelope, without internals', async () => {
    clinic = await startTestClinic({ secure: true });
    const ana = await clinic.login('ana');
    const missing = await clinic.call('GET', '/nowhere', { session: ana });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      errors: [{ status: '404', code: 'route_not_found', title: 'nothing at GET /api/v2/nowhere' }],
    });
    expect((await clinic.call('GET', '/me')).json.errors[0].code).toBe('not_signed_in');
    const json = await clinic.call('POST', '/auth/login', {
      body: { email: SEED_ACCOUNTS.ana.email, password: SEED_ACCOUNTS.ana.password },
    });
    expect(json.status).toBe(415);
    expect((await clinic.call('GET', '/appointments?per_page=0', { session: ana })).status).toBe(400);
    expect((await clinic.call('GET', '/api/v1/patients/x')).status).toBe(404);
  });

  it('lets a new patient register, sign in and nothing more', async () => {
    clinic = await startTestClinic({ secure: true });
    const created = await clinic.call('POST', '/auth/register', {
      body: { email: 'noor@example.org', password: 'Noor-Clinic-2024', full_name: 'Noor Haddad' },
    });
    expect(created.status).toBe(201);
    expect(created.json.is_staff).toBe(false);
    const again = await clinic.call('POST', '/auth/register', {
      body: { email: 'noor@example.org', password: 'Noor-Clinic-2024', full_name: 'Noor Haddad' },
    });
    expect(again.status).toBe(409);
  });
});

describe('createClinicApi', () => {
  it('refuses to listen anywhere but 127.0.0.1', async () => {
    const api = createClinicApi({ secure: true });
    await expect(api.listen({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/host must be 127\.0\.0\.1/);
  });

  it('never fetches a non-loopback URL, even with the SSRF flaw on', async () => {
    clinic = await startTestClinic();
    const ana = await clinic.login('ana');
    const response = await clinic.call('POST', `/patients/${SEED_ACCOUNTS.ana.id}/insurance-card`, {
      session: ana,
      body: { image_url: 'http://10.0.0.1/card.png' },
    });
    expect(response.status).toBe(502);
    expect(response.json.errors[0].title).toContain('ENOTFOUND 10.0.0.1');
  });
});
