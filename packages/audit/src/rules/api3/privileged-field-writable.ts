import { isPrivilegedName, joinedWordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { propertyNameOf } from '../../inspect/property-name-of.js';

/**
 * Privileged names too common as ordinary inputs to report on their own (an order's `status`, a search
 * `limit`, a product's `price` in a catalogue admin API); ownership ids are `ownership-field-in-request`'s job.
 */
const AMBIGUOUS = new Set([
  'status',
  'limit',
  'enabled',
  'level',
  'plan',
  'group',
  'groups',
  'scope',
  'scopes',
  'price',
  'locked',
  'islocked',
  'isactive',
  'ownerid',
  'tenantid',
]);
/** Names that grant privileges wherever they appear; the others count only as top-level fields of the body. */
const ALWAYS = new Set([
  'role',
  'roles',
  'isadmin',
  'admin',
  'isstaff',
  'staff',
  'superuser',
  'issuperuser',
  'permission',
  'permissions',
  'privilege',
  'privileges',
  'userrole',
  'accesslevel',
]);
const ADMIN_SEGMENT =
  /(^|\/)(admin|admins|administration|internal|manage|management|staff|backoffice|superuser)(\/|$)/i;

/** S26: role, isAdmin, balance, permissions… declared writable in a request body. */
export const privilegedFieldWritable = defineRule({
  id: 'privileged-field-writable',
  title: 'Privileged field writable in requests',
  severity: 'high',
  scope: 'operation',
  owasp: 'API3',
  cwe: 915,
  description:
    'A request body of a non-administrative operation declares a privilege-bearing field (role, isAdmin, permissions, balance, credit, verified, tier…) as writable. If the server binds the body onto its model, any user promotes themselves, verifies their own account or sets their own balance: textbook mass assignment.',
  remediation:
    'Remove the field from user-facing request schemas (or mark it `readOnly: true`), bind an explicit allow-list of fields on the server, and change privileges only through an administrative operation with its own authorization.',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    for (const use of uses.requestBody.values()) {
      const name = propertyNameOf(use);
      if (name === undefined || !isPrivilegedName(name) || AMBIGUOUS.has(joinedWordsOf(name))) continue;
      if (use.schema['readOnly'] === true) continue;
      // Nested `accountType`, `balance`, `verified`… usually describe another object (a bank account, a card).
      if (use.propertyPath.length > 1 && !ALWAYS.has(joinedWordsOf(name))) continue;
      const operations = use.operations.filter((op) => op.method !== 'get' && !ADMIN_SEGMENT.test(op.path));
      if (operations.length === 0) continue;
      const field = use.propertyPath.join('.');
      report({
        node: use.schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        snippet: field,
        message: `request field "${field}" is privileged and writable by the client`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /me:
    patch:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { displayName: { type: string }, isAdmin: { type: boolean } } }
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /me:
    patch:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { displayName: { type: string }, isAdmin: { type: boolean, readOnly: true } } }
      responses: { '200': { description: ok } }
`,
  },
});
