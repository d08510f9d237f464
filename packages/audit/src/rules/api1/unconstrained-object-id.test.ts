import { describeRule, yamlDoc } from '../../test-rule.js';
import { unconstrainedObjectId } from './unconstrained-object-id.js';

describeRule(unconstrainedObjectId, [
  {
    name: 'Swagger 2.0 string id',
    document: yamlDoc(
      `
      paths:
        /files/{fileId}:
          get:
            parameters: [ { name: fileId, in: path, required: true, type: string } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: pattern-constrained id and integer id (other rule)',
    document: yamlDoc(
      `
      paths:
        /files/{fileId}/versions/{versionId}:
          get:
            parameters:
              - { name: fileId, in: path, required: true, schema: { type: string, pattern: '^[A-Za-z0-9]{22}$' } }
              - { name: versionId, in: path, required: true, schema: { type: integer } }
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
