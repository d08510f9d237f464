import { fileURLToPath } from 'node:url';
import { type ErrorCode, RampartError } from '@rampart/core';
import { loadApi } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/bad/${name}`, import.meta.url));

/** Each adversarial fixture: the one error it must produce, its line, and what the message must say. */
const CASES: ReadonlyArray<{
  file: string;
  code: ErrorCode;
  line: number | undefined;
  message: RegExp;
  hint: RegExp;
}> = [
  {
    file: 'invalid-yaml.yaml',
    code: 'RAMPART_ERR_OPENAPI_PARSE',
    line: 11,
    message: /invalid-yaml\.yaml:11:1: invalid YAML: all mapping items must start at the same column/,
    hint: /indentation/,
  },
  {
    file: 'trailing-comma.json',
    code: 'RAMPART_ERR_OPENAPI_PARSE',
    line: 5,
    message: /trailing-comma\.json:5:77: invalid JSON: trailing comma before "}"/,
    hint: /JSON syntax/,
  },
  {
    file: 'unclosed-string.json',
    code: 'RAMPART_ERR_OPENAPI_PARSE',
    line: 3,
    message:
      /unclosed-string\.json:3:41: invalid JSON: expected "," or "}" after a property but found "version"/,
    hint: /JSON syntax/,
  },
  {
    file: 'duplicate-key.yaml',
    code: 'RAMPART_ERR_OPENAPI_PARSE',
    line: 9,
    message: /duplicate-key\.yaml:9:3: invalid YAML: map keys must be unique/,
    hint: /YAML syntax/,
  },
  {
    file: 'unresolved-ref.yaml',
    code: 'RAMPART_ERR_OPENAPI_REF',
    line: 14,
    message:
      /unresolved-ref\.yaml:14:17: \$ref "#\/components\/schemas\/Usr" does not resolve: no "Usr" under \/components\/schemas \(did you mean "User"\?\)/,
    hint: /\/components\/schemas\/User/,
  },
  {
    file: 'pointer-into-array.yaml',
    code: 'RAMPART_ERR_OPENAPI_REF',
    line: 18,
    message:
      /\$ref "#\/paths\/~1users\/get\/parameters\/3" does not resolve: no "3" under \/paths\/~1users\/get\/parameters$/,
    hint: /1 item\)/,
  },
  {
    file: 'circular-ref-chain.yaml',
    code: 'RAMPART_ERR_OPENAPI_REF',
    line: 9,
    message: /\$ref "#\/components\/schemas\/B" does not resolve: it is part of a cycle of \$refs/,
    hint: /actual schema/,
  },
  {
    file: 'missing-file-ref.yaml',
    code: 'RAMPART_ERR_OPENAPI_READ',
    line: 7,
    message:
      /missing-file-ref\.yaml:7:5: \$ref "\.\/paths\/users\.yaml": cannot read .*users\.yaml: no such file/,
    hint: /relative \$refs are resolved against the referring file/,
  },
  {
    file: 'remote-ref-disabled.yaml',
    code: 'RAMPART_ERR_OPENAPI_REF',
    line: 10,
    message:
      /\$ref "https:\/\/example\.invalid\/responses\.yaml#\/Ok" cannot be followed: it is remote and remote references are disabled/,
    hint: /allowRemote/,
  },
  {
    file: 'alias-bomb.yaml',
    code: 'RAMPART_ERR_OPENAPI_LIMIT',
    line: 10,
    message: /alias-bomb\.yaml:10:10: YAML aliases expand to more than 100000 nodes/,
    hint: /billion laughs/,
  },
  {
    file: 'recursive-alias.yaml',
    code: 'RAMPART_ERR_OPENAPI_PARSE',
    line: 5,
    message: /YAML alias \*loop refers to a node that contains it/,
    hint: /\$ref/,
  },
  {
    file: 'deep-nesting.json',
    code: 'RAMPART_ERR_OPENAPI_LIMIT',
    line: 2,
    message: /deep-nesting\.json:2:522: nesting is deeper than 512 levels/,
    hint: /maxDepth/,
  },
  {
    file: 'deep-nesting.yaml',
    code: 'RAMPART_ERR_OPENAPI_LIMIT',
    line: 4,
    message: /deep-nesting\.yaml:4:521: nesting is deeper than 512 levels/,
    hint: /maxDepth/,
  },
  {
    file: 'empty.yaml',
    code: 'RAMPART_ERR_OPENAPI_NOT_OPENAPI',
    line: undefined,
    message: /empty\.yaml: the document is empty; expected an OpenAPI 3\.x or Swagger 2\.0 description/,
    hint: /description file/,
  },
  {
    file: 'scalar.yaml',
    code: 'RAMPART_ERR_OPENAPI_NOT_OPENAPI',
    line: undefined,
    message: /the document is a single string \("just some text, not a description"\), not a mapping/,
    hint: /description file/,
  },
  {
    file: 'npm-package.json',
    code: 'RAMPART_ERR_OPENAPI_NOT_OPENAPI',
    line: 1,
    message: /npm-package\.json:1:1: the document looks like an npm package\.json, not an API description/,
    hint: /OpenAPI description/,
  },
  {
    file: 'json-schema.json',
    code: 'RAMPART_ERR_OPENAPI_NOT_OPENAPI',
    line: 1,
    message: /looks like a JSON Schema, not an API description/,
    hint: /OpenAPI description/,
  },
  {
    file: 'asyncapi.yaml',
    code: 'RAMPART_ERR_OPENAPI_NOT_OPENAPI',
    line: 1,
    message: /looks like an AsyncAPI 2\.6\.0 document/,
    hint: /OpenAPI description/,
  },
  {
    file: 'unsupported-version.yaml',
    code: 'RAMPART_ERR_OPENAPI_NOT_OPENAPI',
    line: 1,
    message: /"swagger: 1\.2" is not a version Rampart reads/,
    hint: /"2\.0"/,
  },
  {
    file: 'missing-paths.yaml',
    code: 'RAMPART_ERR_OPENAPI_INVALID',
    line: 1,
    message: /\/paths: the description has no "paths"/,
    hint: /paths: \{\}/,
  },
  {
    file: 'paths-list.yaml',
    code: 'RAMPART_ERR_OPENAPI_INVALID',
    line: 5,
    message:
      /paths-list\.yaml:5:1: .*\n {2}- \/paths: paths must be a mapping of path templates to path items, got a list/,
    hint: /mapping/,
  },
  {
    file: 'parameter-without-in.yaml',
    code: 'RAMPART_ERR_OPENAPI_INVALID',
    line: 9,
    message:
      /\/paths\/~1users\/get\/parameters\/0: parameter "limit" has in: undefined; expected path, query, header or cookie/,
    hint: /"in"/,
  },
  {
    file: 'wrong-operation-type.json',
    code: 'RAMPART_ERR_OPENAPI_INVALID',
    line: 6,
    message: /the GET operation must be a mapping, got string "list users"/,
    hint: /responses/,
  },
];

describe('adversarial fixtures: one clear RampartError each', () => {
  it.each(CASES)('$file → $code at line $line', async ({ file, code, line, message, hint }) => {
    const error = await loadApi(fixture(file)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RampartError);
    const rampart = error as RampartError;
    expect(rampart.code).toBe(code);
    expect(rampart.message).toMatch(message);
    expect(rampart.hint).toMatch(hint);
    expect(rampart.location?.file).toBe(fixture(file));
    expect(rampart.location?.line).toBe(line);
  });

  it('covers every fixture in the folder', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(fixture('')).sort()).toEqual(CASES.map((c) => c.file).sort());
  });
});
