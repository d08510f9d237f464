import { describeRule, yamlDoc } from '../../test-rule.js';
import { unboundedUpload } from './unbounded-upload.js';

describeRule(unboundedUpload, [
  {
    name: 'Swagger 2.0 formData file',
    document: yamlDoc(
      `
      paths:
        /documents:
          post:
            consumes: [multipart/form-data]
            parameters: [ { name: file, in: formData, type: file } ]
            responses: { '201': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: /file field "file"|upload with no size limit/ }],
  },
  {
    name: 'raw octet-stream body (3.1)',
    document: yamlDoc(
      `
      paths:
        /blobs:
          put:
            requestBody: { content: { application/octet-stream: {} } }
            responses: { '201': { description: ok } }
      `,
      '3.1',
    ),
    expect: [{ message: 'PUT /blobs accepts a application/octet-stream upload with no size limit' }],
  },
  {
    name: 'near miss: size documented with the vendor extension on the operation',
    document: yamlDoc(`
      paths:
        /blobs:
          put:
            x-rampart-max-body-size: 10485760
            requestBody: { content: { application/octet-stream: { schema: { type: string, format: binary } } } }
            responses: { '201': { description: ok } }
    `),
    expect: 0,
  },
]);
