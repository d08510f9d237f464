import { formatProblem, RampartValidationError } from '@rampart/core';
import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, scanTarget } from '@rampart/scan';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTinyApi, type TinyApi } from './start-tiny-api.js';

/** The problems of a file that must not parse, as `path: message (file:line:col)` lines. */
function problemsOf(text: string, env: Record<string, string> = {}): string[] {
  try {
    parseIdentities(text, 'ids.yaml', { env });
  } catch (error) {
    expect(error).toBeInstanceOf(RampartValidationError);
    expect((error as RampartValidationError).code).toBe('RAMPART_ERR_CONFIG_IDENTITIES');
    return (error as RampartValidationError).problems.map(formatProblem);
  }
  throw new Error('the file parsed');
}

describe('identities.yaml: flows, register and autoIdentities', () => {
  it('reads flows, register steps, apply: auto and autoIdentities', () => {
    const config = parseIdentities(
      `autoIdentities: true
identities:
  - name: carol
    role: customer
    register:
      steps:
        - { method: post, path: /signup, json: { user: "carol-{{random}}", pw: "\${PW}" }, expect: [201, 200] }
    login:
      steps:
        - { method: POST, path: /login, form: { user: "carol-{{random}}", pw: "\${PW}" } }
      apply: auto
flows:
  - name: open-note
    as: carol
    steps:
      - method: POST
        path: /notes
        query: { draft: "true" }
        json: { text: "{{marker}}" }
        extract: { noteId: { from: body, pointer: /id } }
        expect: 201
        cleanup: { method: delete, path: "/notes/{{noteId}}" }
      - { as: auto-user-1, method: GET, path: "/notes/{{noteId}}", expect: [403, 404] }
`,
      'ids.yaml',
      { env: { PW: 'pw-1' } },
    );
    expect(config.autoIdentities).toBe(true);
    const carol = config.identities[0]!;
    expect(carol.register?.steps[0]).toEqual({
      method: 'POST',
      path: '/signup',
      json: { user: 'carol-{{random}}', pw: 'pw-1' },
      expectStatus: [201, 200],
    });
    expect(carol.login?.detectToken).toBe(true);
    expect(carol.login?.apply).toEqual({ bearer: '{{token}}' });
    expect(config.flows).toEqual([
      {
        name: 'open-note',
        steps: [
          {
            method: 'POST',
            path: '/notes',
            query: { draft: 'true' },
            json: { text: '{{marker}}' },
            extract: { noteId: { from: 'body', pointer: '/id' } },
            expectStatus: [201],
            as: 'carol',
            cleanup: { method: 'DELETE', path: '/notes/{{noteId}}' },
          },
          { method: 'GET', path: '/notes/{{noteId}}', expectStatus: [403, 404], as: 'auto-user-1' },
        ],
      },
    ]);
  });

  it('points every problem at its file:line:column and says how to fix it', () => {
    const problems = problemsOf(`identities:
  - name: carol
    bearer: t
    register:
      steps:
        - { method: POST, path: /signup, json: { user: "{{userName}}" } }
flows:
  - name: open-note
    as: mallory
    steps:
      - method: POST
        path: /notes/{{noteId}}
        extract: { noteId: { from: body, pointer: id } }
        expect: 999
        colour: red
  - name: open-note
    steps: []
autoIdentities: maybe
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^identities\[0\]\.register\.steps\[0\]\.json: uses \{\{userName\}\} before any step extracts it \(ids\.yaml:6:42\) — extract userName in an earlier step, or use a built-in: random, scanId, identity$/,
        ),
        expect.stringMatching(
          /^flows\[0\]\.as: names no identity: "mallory" \(ids\.yaml:9:5\) — use one of anonymous, carol$/,
        ),
        expect.stringMatching(
          /^flows\[0\]\.steps\[0\]\.path: uses \{\{noteId\}\} before any step extracts it \(ids\.yaml:12:9\)/,
        ),
        expect.stringMatching(
          /^flows\[0\]\.steps\[0\]\.extract\.noteId: must be \{ from: body, pointer: \/json\/pointer \}.* \(ids\.yaml:13:20\) — a JSON pointer starts with "\/"/,
        ),
        expect.stringMatching(
          /^flows\[0\]\.steps\[0\]\.expect: must be an HTTP status or a list of them, got 999 \(ids\.yaml:14:9\)/,
        ),
        expect.stringMatching(
          /^flows\[0\]\.steps\[0\]\.colour: unknown key "colour" \(ids\.yaml:15:9\) — allowed here: method, path, query/,
        ),
        expect.stringMatching(/^flows\[1\]: must have a non-empty list of steps \(ids\.yaml:16:5\)/),
        expect.stringMatching(/^autoIdentities: must be true or false, got "maybe" \(ids\.yaml:18:1\)/),
      ]),
    );
    expect(problems).toHaveLength(8 + 1); // and the flow name used twice
    expect(problems).toContainEqual(
      expect.stringMatching(/^flows\[1\]\.name: "open-note" is used twice \(ids\.yaml:16:5\)/),
    );
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problemsOf('identities:\n  - name: a\n    bearer: "unterminated\n')).toEqual([
      expect.stringMatching(/^\(document\): .* \(ids\.yaml:4:1\) — fix the YAML syntax/),
    ]);
  });

  it('knows the throwaway user names only when autoIdentities is on, and reserves them then', () => {
    expect(
      problemsOf(
        'identities:\n  - { name: a, bearer: t }\nflows:\n  - { name: f, as: auto-user-2, steps: [{ method: GET, path: /x }] }\n',
      ),
    ).toEqual([
      expect.stringMatching(/^flows\[0\]\.as: names no identity: "auto-user-2" \(ids\.yaml:4:16\)/),
    ]);
    expect(problemsOf('autoIdentities: true\nidentities:\n  - { name: auto-user-1, bearer: t }\n')).toEqual([
      expect.stringMatching(/^identities\[0\]\.name: "auto-user-1" is reserved \(ids\.yaml:3:7\)/),
    ]);
    // autoIdentities alone is a complete file.
    expect(parseIdentities('autoIdentities: true\n', 'ids.yaml')).toEqual({
      identities: [],
      autoIdentities: true,
    });
  });
});

/**
 * A notes API with BOLA on GET /notes/{noteId} (any signed-in user reads any note) and no way to list notes:
 * a note id is reachable only by creating the note, which exploration does not do (no DELETE in the
 * description), so only an explicit flow gives BOLA something to test.
 */
const NOTES_SPEC = `
openapi: 3.0.3
info: { title: Notes, version: '1' }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
security: [ { bearer: [] } ]
paths:
  /me:
    get:
      responses: { '200': { description: me } }
  /notes:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { text: { type: string } } }
      responses: { '201': { description: created } }
  /notes/{noteId}:
    get:
      parameters: [ { name: noteId, in: path, required: true, schema: { type: integer } } ]
      responses: { '200': { description: the note } }
`;

describe('explicit flows in a scan', () => {
  let api: TinyApi;
  const notes = new Map<number, { owner: string; text: string }>();
  const log: string[] = [];
  beforeAll(async () => {
    api = await startTinyApi((request, send) => {
      const user = { 'Bearer tok-alice': 'alice', 'Bearer tok-bob': 'bob' }[
        request.headers.authorization ?? ''
      ];
      const path = request.path.split('?')[0]!;
      log.push(`${request.method} ${path} ${user ?? 'anonymous'}`);
      if (user === undefined) return send(401, { error: 'sign in' });
      if (request.method === 'GET' && path === '/me') return send(200, { name: user });
      if (request.method === 'POST' && path === '/notes') {
        const id = 100 + notes.size + 1;
        notes.set(id, { owner: user, text: JSON.parse(request.body).text });
        return send(201, { id, owner: user }, { location: `/notes/${id}` });
      }
      const match = /^\/notes\/(\d+)$/.exec(path);
      const note = match ? notes.get(Number(match[1])) : undefined;
      if (request.method === 'GET' && note) return send(200, { id: Number(match![1]), ...note });
      if (request.method === 'DELETE' && note && note.owner === user) {
        notes.delete(Number(match![1]));
        return send(204);
      }
      send(404, { error: 'not found' });
    });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    notes.clear();
    log.length = 0;
  });

  const identities = (flows: string) =>
    parseIdentities(
      `preflight: { method: GET, path: /me }
identities:
  - { name: alice, role: user, bearer: tok-alice }
  - { name: bob, role: user, bearer: tok-bob }
${flows}`,
      'ids.yaml',
    );
  const scan = async (flows: string, readOnly = false) =>
    scanTarget({
      model: await loadApiFromString(NOTES_SPEC, 'notes.yaml'),
      target: api.url,
      identities: identities(flows),
      options: { only: ['api1-bola'], readOnly, canary: false, requestsPerSecond: 1000 },
    });

  const FLOW = `flows:
  - name: write-notes
    as: alice
    steps:
      - method: POST
        path: /notes
        json: { text: "{{marker}}" }
        extract: { noteId: { from: body, pointer: /id } }
        expect: 201
        cleanup: { method: DELETE, path: "/notes/{{noteId}}" }
      - method: POST
        path: /notes
        json: { text: "second {{marker}}" }
        extract: { noteId: { from: body, pointer: /id } }
        cleanup: { method: DELETE, path: "/notes/{{noteId}}" }
      - { method: GET, path: "/notes/{{noteId}}" }
`;

  it("gives BOLA an object only the flow can reach, and deletes the flow's objects newest first", async () => {
    const result = await scan(FLOW);
    const bola = result.findings.filter((f) => f.ruleId === 'api1-bola');
    expect(bola.map((f) => `${f.location.method} ${f.location.path}`)).toContain('GET /notes/{noteId}');
    expect(bola[0]?.message).toMatch(
      /^bob read alice's object through GET \/notes\/\{noteId\} \(.*noteId = 10[12]\)/,
    );
    expect(bola[0]?.evidence?.oracle).toBe('marker-in-response');
    // The flow ran as alice, and its two notes were deleted at the end, the second first.
    expect(log).toEqual(expect.arrayContaining(['POST /notes alice', 'GET /notes/102 alice']));
    expect(log.filter((line) => line.startsWith('DELETE'))).toEqual([
      'DELETE /notes/102 alice',
      'DELETE /notes/101 alice',
    ]);
    expect(result.cleanup).toEqual({ attempted: 2, failed: 0 });
    expect(notes.size).toBe(0);
  });

  it('without the flow, the same scan has nothing to test BOLA on', async () => {
    const result = await scan('');
    expect(result.findings.filter((f) => f.ruleId === 'api1-bola')).toEqual([]);
    expect(log.some((line) => line.startsWith('POST'))).toBe(false);
  });

  it('stops the scan when a flow step fails, naming the flow, the step and the answer, after cleaning up', async () => {
    const failing = `${FLOW}      - { method: GET, path: "/notes/999", as: bob }\n`;
    await expect(scan(failing)).rejects.toMatchObject({
      code: 'RAMPART_ERR_SCAN_FLOW',
      message:
        'flow "write-notes" step 4 (GET /notes/999) as bob answered 404, expected 2xx (body: {"error":"not found"})',
    });
    expect(notes.size).toBe(0);
  });

  it('makes an optional flow a warning, and skips writing flows in a read-only scan', async () => {
    const optional = `flows:
  - name: lookup
    optional: true
    as: bob
    steps:
      - { method: GET, path: /notes/5 }
`;
    const result = await scan(optional);
    expect(result.warnings).toContainEqual(
      'optional flow "lookup" step 1 (GET /notes/5) as bob answered 404, expected 2xx (body: {"error":"not found"})',
    );
    const readOnly = await scan(FLOW, true);
    expect(readOnly.warnings).toContainEqual(
      'flow "write-notes" skipped: the scan is read-only and its step POST /notes writes (add --allow-writes to run it)',
    );
    expect(log.some((line) => line.startsWith('POST'))).toBe(false);
  });

  it('warns when a flow creates an object nothing can delete', async () => {
    const result = await scan(`flows:
  - name: leave-a-note
    as: alice
    steps:
      - { method: POST, path: /notes, json: { text: hi } }
`);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(
        /^flow "leave-a-note" step 1 created note 101 as alice and nothing in the description deletes it/,
      ),
    );
  });
});
