import { request as httpRequest } from 'node:http';
import { SEED_ACCOUNTS } from './create-clinic-state.js';
import { SESSION_COOKIE } from './create-request-context.js';
import { API_BASE } from './route.js';

/** One HAR 1.2 name/value pair. */
interface HarPair {
  readonly name: string;
  readonly value: string;
}

/** One HAR 1.2 entry (the fields Rampart and browsers use). */
export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly httpVersion: string;
    readonly headers: HarPair[];
    readonly queryString: HarPair[];
    readonly cookies: HarPair[];
    readonly headersSize: number;
    readonly bodySize: number;
    readonly postData?: { readonly mimeType: string; readonly text: string };
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly headers: HarPair[];
    readonly cookies: HarPair[];
    readonly content: { readonly size: number; readonly mimeType: string; readonly text: string };
    readonly redirectURL: string;
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number };
}

/** A HAR 1.2 log. */
export interface Har {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly entries: HarEntry[];
  };
}

/** A browser-like client that keeps the session cookie per user and records every exchange as a HAR entry. */
function createRecorder(origin: string) {
  const entries: HarEntry[] = [];
  const send = (
    method: string,
    path: string,
    init: { session?: string; json?: unknown; form?: Record<string, string> } = {},
  ): Promise<{ status: number; body: string; setCookie: string[] }> => {
    const url = new URL(path.startsWith('/api/') ? path : `${API_BASE}${path}`, origin);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HarborPortalWeb/2.1',
    };
    let postData: { mimeType: string; text: string } | undefined;
    if (init.json !== undefined) postData = { mimeType: 'application/json', text: JSON.stringify(init.json) };
    if (init.form !== undefined)
      postData = {
        mimeType: 'application/x-www-form-urlencoded',
        text: new URLSearchParams(init.form).toString(),
      };
    if (postData !== undefined) headers['content-type'] = postData.mimeType;
    if (init.session !== undefined) headers['cookie'] = `${SESSION_COOKIE}=${init.session}`;
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const time = Date.now() - started;
          const responseHeaders: HarPair[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            responseHeaders.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
          const setCookie = res.headers['set-cookie'] ?? [];
          entries.push({
            startedDateTime: new Date(started).toISOString(),
            time,
            request: {
              method,
              url: url.href,
              httpVersion: 'HTTP/1.1',
              headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
              queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
              cookies: init.session === undefined ? [] : [{ name: SESSION_COOKIE, value: init.session }],
              headersSize: -1,
              bodySize: postData?.text.length ?? 0,
              ...(postData ? { postData } : {}),
            },
            response: {
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              httpVersion: 'HTTP/1.1',
              headers: responseHeaders,
              cookies: [],
              content: {
                size: body.length,
                mimeType: String(res.headers['content-type'] ?? ''),
                text: body,
              },
              redirectURL: String(res.headers.location ?? ''),
              headersSize: -1,
              bodySize: body.length,
            },
            cache: {},
            timings: { send: 0, wait: time, receive: 0 },
          });
          resolve({ status: res.statusCode ?? 0, body, setCookie });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(postData?.text);
    });
  };
  return { entries, send };
}

/**
 * Drives the clinic at `origin` through a normal day of its web portal — two patients browse practitioners and
 * slots, book, read and change an appointment, open their records and documents, import an insurance card,
 * update their phone number and sign out; a new patient registers; the front desk lists patients — and returns
 * every exchange as a HAR 1.2 log, as a browser's "Save all as HAR" would. Nothing in it is an attack.
 */
export async function recordClinicHar(origin: string): Promise<Har> {
  const { entries, send } = createRecorder(origin);
  const json = (text: string): Record<string, unknown> => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const signIn = async (email: string, password: string): Promise<string> => {
    const response = await send('POST', '/auth/login', { form: { email, password } });
    const cookie = response.setCookie.map((line) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(line)?.[1]);
    const session = cookie.find((value) => value !== undefined);
    if (session === undefined)
      throw new Error(`the clinic refused the login of ${email}: ${response.status}`);
    return session;
  };

  for (const who of [SEED_ACCOUNTS.ana, SEED_ACCOUNTS.ben]) {
    const session = await signIn(who.email, who.password);
    await send('GET', '/me', { session });
    const practitioners = json((await send('GET', '/practitioners', { session })).body)['data'] as
      | Array<{ id: string; specialty: string }>
      | undefined;
    const doctor = practitioners?.[0];
    if (doctor !== undefined) {
      await send('GET', `/practitioners?specialty=${encodeURIComponent(doctor.specialty)}`, { session });
      await send('GET', `/practitioners/${doctor.id}/slots?page=1&per_page=20`, { session });
      await send('GET', `/practitioners/${doctor.id}/slots?page=2&per_page=20`, { session });
    }
    await send('GET', '/appointments?page=1&per_page=20', { session });
    await send('GET', '/appointments?status=booked', { session });
    const booked = json(
      (
        await send('POST', '/appointments', {
          session,
          json: {
            practitioner_id: doctor?.id,
            starts_at: '2025-03-04T09:00:00.000Z',
            reason: 'Persistent cough',
          },
        })
      ).body,
    );
    const appointmentId = booked['id'];
    if (typeof appointmentId === 'string') {
      await send('GET', `/appointments/${appointmentId}`, { session });
      await send('PATCH', `/appointments/${appointmentId}`, { session, json: { reason: 'Cough and fever' } });
    }
    const records = json((await send('GET', `/patients/${who.id}/records`, { session })).body)['data'] as
      | Array<{ id: string }>
      | undefined;
    if (records?.[0] !== undefined)
      await send('GET', `/patients/${who.id}/records/${records[0].id}`, { session });
    const documents = json((await send('GET', `/patients/${who.id}/documents`, { session })).body)['data'] as
      | Array<{ file_name: string }>
      | undefined;
    if (documents?.[0] !== undefined)
      await send('GET', `/patients/${who.id}/documents/${documents[0].file_name}`, { session });
    await send('POST', `/patients/${who.id}/insurance-card`, {
      session,
      json: { image_url: 'https://cards.harbor-insurance.example/members/card-front.png' },
    });
    await send('PATCH', '/me', { session, json: { phone: '+1 555 0142' } });
    if (typeof appointmentId === 'string')
      await send('DELETE', `/appointments/${appointmentId}`, { session });
    await send('POST', '/auth/logout', { session });
  }

  await send('POST', '/auth/register', {
    json: { email: 'new.patient@example.org', password: 'New-Patient-2024', full_name: 'Noor Haddad' },
  });
  const staff = await signIn(SEED_ACCOUNTS.staff.email, SEED_ACCOUNTS.staff.password);
  await send('GET', '/me', { session: staff });
  await send('GET', '/patients?page=1&per_page=20', { session: staff });
  await send('GET', `/patients/${SEED_ACCOUNTS.ben.id}`, { session: staff });
  await send('GET', `/patients/${SEED_ACCOUNTS.ben.id}/records`, { session: staff });
  await send('POST', '/auth/logout', { session: staff });
  return {
    log: { version: '1.2', creator: { name: 'clinic-api record-clinic-har', version: '0.1.0' }, entries },
  };
}
