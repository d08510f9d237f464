import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { startTinyApi } from './start-tiny-api.js';

// A tiny tracker: tickets reference a project by `project_ref_id`, and notes live under a ticket
// (`/tickets/{ticketId}/notes`). Made-up ids are refused with 422 naming the field, as real APIs do.
const json = (schema: unknown) => ({ 'application/json': { schema } });
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny tracker', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/me': { get: { responses: { '200': { description: 'me' } } } },
    '/projects': { get: { responses: { '200': { description: 'projects' } } } },
    '/tickets': {
      get: { responses: { '200': { description: 'tickets' } } },
      post: {
        requestBody: {
          content: json({
            type: 'object',
            required: ['project_ref_id', 'title'],
            properties: { project_ref_id: { type: 'string', format: 'uuid' }, title: { type: 'string' } },
          }),
        },
        responses: { '201': { description: 'created' }, '422': { description: 'invalid' } },
      },
    },
    '/tickets/{ticketId}': {
      get: { parameters: [idParam('ticketId')], responses: { '200': { description: 'ticket' } } },
      delete: { parameters: [idParam('ticketId')], responses: { '204': { description: 'deleted' } } },
    },
    '/tickets/{ticketId}/notes': {
      post: {
        parameters: [idParam('ticketId')],
        requestBody: { content: json({ type: 'object', properties: { text: { type: 'string' } } }) },
        responses: { '201': { description: 'created' } },
      },
    },
    '/tickets/{ticketId}/notes/{noteId}': {
      delete: {
        parameters: [idParam('ticketId'), idParam('noteId')],
        responses: { '204': { description: 'deleted' } },
      },
    },
  },
};
const ARCHIVED = '7a1e0c3e-0000-4000-8000-00000000a1a1';
const ACTIVE = '7a1e0c3e-0000-4000-8000-00000000b2b2';

async function explore(projects: readonly string[]): Promise<{ result: ScanResult; log: string[] }> {
  const log: string[] = [];
  const tickets = new Map<string, { owner: string; notes: Set<string> }>();
  let next = 100;
  const api = await startTinyApi((request, send) => {
    const who = /^Bearer t-(\w+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (who === undefined) return send(401, { error: 'login required' });
    const path = request.path.split('?')[0]!;
    if (request.method !== 'GET') log.push(`${who} ${request.method} ${path} ${request.body}`);
    if (path === '/me') return send(200, { name: who });
    if (path === '/projects')
      return send(200, { items: projects.map((id) => ({ id, name: `p-${id.slice(-4)}` })) });
    if (path === '/tickets' && request.method === 'GET') return send(200, { items: [] });
    if (path === '/tickets' && request.method === 'POST') {
      const body = JSON.parse(request.body) as Record<string, unknown>;
      if (body['project_ref_id'] !== ACTIVE) {
        return send(422, { errors: [{ field: 'project_ref_id', message: 'no open project with this id' }] });
      }
      const id = `t-${next++}`;
      tickets.set(id, { owner: who, notes: new Set() });
      return send(201, { id, ...body });
    }
    const note = /^\/tickets\/([\w-]+)\/notes(?:\/([\w-]+))?$/.exec(path);
    const ticket = note && tickets.get(note[1]!);
    if (note && ticket?.owner === who && request.method === 'POST' && note[2] === undefined) {
      const id = `n-${next++}`;
      ticket.notes.add(id);
      return send(201, { id, text: (JSON.parse(request.body) as { text: string }).text });
    }
    if (note && ticket?.owner === who && request.method === 'DELETE' && ticket.notes.delete(note[2] ?? ''))
      return send(204);
    const item = /^\/tickets\/([\w-]+)$/.exec(path);
    if (item && tickets.get(item[1]!)?.owner === who && request.method === 'DELETE') {
      tickets.delete(item[1]!);
      return send(204);
    }
    return send(404, { error: 'not found' });
  });
  try {
    const result = await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-tracker.json'),
      target: api.url,
      identities: parseIdentities(
        'identities:\n  - { name: ana, role: user, bearer: t-ana }\npreflight: { method: GET, path: /me }\n',
        'ids.yaml',
      ),
      options: { checks: [], requestsPerSecond: 1000, canary: false },
    });
    return { result, log };
  } finally {
    await api.close();
  }
}

describe('exploration creates objects an API accepts', () => {
  it('fills references from the pool, retries once with the next value when the refusal names the field, and creates nested objects in its own parent', async () => {
    const { result, log } = await explore([ARCHIVED, ACTIVE]);
    expect(result.engineErrors).toEqual([]);
    const posts = log.filter((l) => l.startsWith('ana POST'));
    expect(posts[0]).toContain(`"project_ref_id":"${ARCHIVED}"`);
    expect(posts[1]).toContain(`"project_ref_id":"${ACTIVE}"`);
    // The note goes under the ticket ana just created, and is deleted with its parent's id in the path.
    expect(posts[2]).toMatch(/^ana POST \/tickets\/t-100\/notes \{"text":"rampart-/);
    expect(log.filter((l) => l.includes('DELETE'))).toEqual([
      'ana DELETE /tickets/t-100/notes/n-101 ',
      'ana DELETE /tickets/t-100 ',
    ]);
    expect(result.cleanup).toEqual({ attempted: 2, failed: 0 });
  });

  it('does not retry when the pool has no other value for the field the API refused', async () => {
    const { result, log } = await explore([ARCHIVED]);
    expect(log.filter((l) => l.startsWith('ana POST'))).toHaveLength(1);
    expect(result.cleanup).toEqual({ attempted: 0, failed: 0 });
  });
});
