import type { JsonSchema, Operation } from '@rampart/openapi';
import { joinedWordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { topLevelProperties } from '../../inspect/top-level-properties.js';

/** Names the server, not the client, sets: identifiers, timestamps, audit fields, versions. */
const SERVER_GENERATED =
  /^(id|uuid|guid|createdat|updatedat|modifiedat|deletedat|createdon|updatedon|modifiedon|createddate|updateddate|creationdate|createdtime|updatedtime|datecreated|datemodified|dateupdated|createdby|updatedby|modifiedby|lastmodified|version|etag|revision)$/;

function parentPath(path: string): string {
  return path.replace(/\/\{[^}]+\}$/, '');
}

/**
 * S25: compares each write operation's request body with the responses of the same resource (the operation
 * itself, GET on the same path, its item path `/{id}` and its collection path). A field the responses mark
 * `readOnly`, or a server-generated field (id, createdAt…) the responses return, is accepted in the request.
 */
export const massAssignmentCandidate = defineRule({
  id: 'mass-assignment-candidate',
  title: 'Server-owned field writable in requests',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API3',
  cwe: 915,
  description:
    "A field the server owns (marked readOnly in responses, or server-generated like id or createdAt) is also declared in a request body without readOnly. Frameworks that bind request bodies straight onto models then let clients overwrite it: change an object's id to hijack another record, backdate createdAt, bump version to bypass optimistic locking.",
  remediation:
    'Mark the field `readOnly: true` in the shared schema, or use separate request and response schemas (e.g. `UserCreate` and `User`), and bind only an allow-list of fields on the server.',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    const getsByPath = new Map<string, Operation[]>();
    for (const op of model.operations) {
      if (op.method !== 'get') continue;
      getsByPath.set(op.path, [...(getsByPath.get(op.path) ?? []), op]);
    }
    const itemPaths = new Map<string, string[]>();
    for (const path of getsByPath.keys()) {
      const parent = parentPath(path);
      if (parent !== path) itemPaths.set(parent, [...(itemPaths.get(parent) ?? []), path]);
    }
    for (const op of model.operations) {
      if (op.method !== 'post' && op.method !== 'put' && op.method !== 'patch') continue;
      const requestRoots = uses.requestRoots.get(op) ?? [];
      if (requestRoots.length === 0) continue;
      const related = new Set<Operation>([op]);
      const paths = [op.path, parentPath(op.path), ...(itemPaths.get(op.path) ?? [])];
      for (const p of paths) for (const get of getsByPath.get(p) ?? []) related.add(get);
      const responseProps = new Map<string, { schema: JsonSchema; source: Operation }>();
      for (const r of related) {
        for (const root of uses.responseRoots.get(r) ?? []) {
          for (const [name, schema] of topLevelProperties(root, true)) {
            if (!responseProps.has(name) || schema['readOnly'] === true)
              responseProps.set(name, { schema, source: r });
          }
        }
      }
      if (responseProps.size === 0) continue;
      for (const root of requestRoots) {
        const fields: string[] = [];
        for (const [name, schema] of topLevelProperties(root)) {
          if (schema['readOnly'] === true) continue;
          const inResponse = responseProps.get(name);
          if (inResponse === undefined) continue;
          if (inResponse.schema['readOnly'] === true) fields.push(`${name} (readOnly in responses)`);
          else if (SERVER_GENERATED.test(joinedWordsOf(name))) fields.push(`${name} (server-generated)`);
        }
        if (fields.length === 0) continue;
        report({
          node: root,
          operation: op,
          snippet: fields.join(', '),
          severity: fields.some((f) => f.endsWith('(readOnly in responses)')) ? 'medium' : 'low',
          message: `request body accepts server-owned field${fields.length > 1 ? 's' : ''} ${fields.join(', ')}`,
        });
      }
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { id: { type: string }, name: { type: string } } }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string }, name: { type: string } } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { id: { type: string, readOnly: true }, name: { type: string } } }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string }, name: { type: string } } }
`,
  },
});
