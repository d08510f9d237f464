import { FAKE_FILES, readFakeFile, statementFolder } from './fake-file-system.js';
import { HttpError } from './http-error.js';
import type { Route } from './route.js';

/** Monthly statement files (served from the in-memory fake file system only). */
export const statementRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/statements',
    handle: (_bank, request) => {
      const folder = `${statementFolder(request.user().username)}/`;
      const items = [...FAKE_FILES.keys()]
        .filter((path) => path.startsWith(folder))
        .map((path) => ({
          file: path.slice(folder.length),
          month: path.slice(folder.length, folder.length + 7),
        }));
      request.json(200, { items });
    },
  },
  {
    method: 'GET',
    path: '/statements/download',
    handle: (bank, request) => {
      const user = request.user();
      const file = request.url.searchParams.get('file') ?? '';
      if (!bank.on('injection-path-traversal') && !/^[0-9]{4}-[0-9]{2}\.csv$/.test(file)) {
        throw new HttpError(400, 'invalid_file', `file must look like 2024-01.csv, got "${file}"`);
      }
      const { content } = readFakeFile(statementFolder(user.username), file);
      if (content === undefined) throw new HttpError(404, 'statement_not_found', `no statement "${file}"`);
      request.res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.replace(/[^\w.-]/g, '_')}"`,
      });
      request.res.end(content);
    },
  },
];
