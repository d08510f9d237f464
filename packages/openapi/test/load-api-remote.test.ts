import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RampartError } from '@rampart/core';
import { loadApi } from '@rampart/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Documents served by the test server, by path. `{other}` is replaced by the second server's origin. */
const DOCUMENTS: Record<string, string> = {
  '/api/openapi.yaml': [
    'openapi: 3.0.3',
    'info: {title: Remote, version: "1"}',
    'paths:',
    '  /users:',
    '    get:',
    '      responses:',
    "        '200':",
    '          description: users',
    '          content:',
    '            application/json:',
    "              schema: {$ref: './schemas/user.yaml#/User'}",
    "        '500':",
    "          $ref: '{other}/shared/responses.json#/ServerError'",
  ].join('\n'),
  '/api/schemas/user.yaml': 'User:\n  type: object\n  properties:\n    id: {type: string}\n',
  '/shared/responses.json': '{"ServerError": {"description": "it broke"}}',
  '/api/local-file-ref.yaml':
    "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: 'file:///etc/passwd'\n",
  '/api/big.json': `{"openapi":"3.0.3","pad":"${'x'.repeat(5000)}"}`,
};

let main: Server;
let other: Server;
let mainOrigin = '';
let otherOrigin = '';
const requests: string[] = [];

function serve(record: boolean): Server {
  return createServer((req, res) => {
    if (record) requests.push(req.url ?? '');
    const body = DOCUMENTS[req.url ?? '']?.replaceAll('{other}', otherOrigin);
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res
      .writeHead(200, {
        'content-type': req.url?.endsWith('.json') ? 'application/json' : 'application/yaml',
      })
      .end(body);
  });
}

beforeAll(async () => {
  main = serve(true);
  other = serve(false);
  main.listen(0, '127.0.0.1');
  other.listen(0, '127.0.0.1');
  await Promise.all([once(main, 'listening'), once(other, 'listening')]);
  mainOrigin = `http://127.0.0.1:${(main.address() as AddressInfo).port}`;
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
  main.close();
  other.close();
  await Promise.all([once(main, 'close'), once(other, 'close')]);
});

describe('loadApi over http', () => {
  it('loads a root URL with a relative ref and a ref to another server', async () => {
    const api = await loadApi(`${mainOrigin}/api/openapi.yaml`);
    const [ok, failed] = api.operations[0]!.responses;
    expect(ok!.content[0]!.schema).toMatchObject({ type: 'object', properties: { id: { type: 'string' } } });
    expect(failed).toMatchObject({ status: '500', description: 'it broke' });
    expect(requests).toContain('/api/schemas/user.yaml');
    const where = api.locate(ok!.content[0]!.schema!);
    expect(where).toMatchObject({ file: `${mainOrigin}/api/schemas/user.yaml`, line: 1, pointer: '/User' });
  });

  it('refuses remote refs when allowRemote is false', async () => {
    await expect(loadApi(`${mainOrigin}/api/openapi.yaml`, { allowRemote: false })).rejects.toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_REF',
      message: expect.stringMatching(
        /\$ref "\.\/schemas\/user\.yaml#\/User" cannot be followed: it is remote/,
      ),
    });
  });

  it('never lets a fetched document read local files', async () => {
    const error = await loadApi(`${mainOrigin}/api/local-file-ref.yaml`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RampartError);
    expect(error).toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_REF',
      location: { line: 5, column: 5 },
      message: expect.stringMatching(/may not reference local files/),
    });
  });

  it('reports a 404 as a read error', async () => {
    await expect(loadApi(`${mainOrigin}/api/missing.yaml`)).rejects.toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_READ',
      message: expect.stringMatching(/cannot read .*missing\.yaml: the server answered 404/),
    });
  });

  it('stops a download over maxBytes', async () => {
    await expect(loadApi(`${mainOrigin}/api/big.json`, { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_LIMIT',
    });
  });
});
