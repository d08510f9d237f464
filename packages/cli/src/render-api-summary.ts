import type { ApiSummary } from './summarize-api.js';

/** Lists longer than this are cut in text output; `--format json` has them all. */
const MAX_LISTED = 20;

function listed(keys: readonly string[]): string[] {
  const lines = keys.slice(0, MAX_LISTED).map((key) => `  ${key}`);
  if (keys.length > MAX_LISTED)
    lines.push(`  ... and ${keys.length - MAX_LISTED} more (--format json lists them all)`);
  return lines;
}

const SPEC_NAME = (version: string) =>
  version.startsWith('2') ? `Swagger ${version}` : `OpenAPI ${version}`;

/** The plain-text form of an `ApiSummary`, as `rampart inspect` prints it. */
export function renderApiSummary(summary: ApiSummary): string {
  const { operations } = summary;
  const lines = [
    `${summary.title} ${summary.version} (${SPEC_NAME(summary.specVersion)})`,
    `file: ${summary.file}`,
    `servers: ${summary.servers.length ? summary.servers.join(', ') : 'none declared'}`,
  ];
  if (summary.securitySchemes.length) {
    lines.push(`security schemes (${summary.securitySchemes.length}):`);
    const width = Math.max(...summary.securitySchemes.map((s) => s.name.length));
    for (const scheme of summary.securitySchemes)
      lines.push(`  ${scheme.name.padEnd(width)}  ${scheme.detail}`);
  } else {
    lines.push('security schemes: none declared');
  }
  const methods = Object.entries(operations.byMethod).map(([method, count]) => `${method} ${count}`);
  lines.push(`operations: ${operations.total}${methods.length ? ` (${methods.join(', ')})` : ''}`);
  if (operations.deprecated) lines.push(`deprecated operations: ${operations.deprecated}`);
  if (summary.webhooks) lines.push(`webhooks: ${summary.webhooks}`);
  lines.push(`schemas: ${summary.schemas}`);
  if (operations.withoutSecurity.length) {
    if (operations.withoutSecurity.length === operations.total) {
      lines.push(`operations without security: all ${operations.total}`);
    } else {
      lines.push(
        `operations without security (${operations.withoutSecurity.length}):`,
        ...listed(operations.withoutSecurity),
      );
    }
  } else if (operations.total) {
    lines.push('operations without security: none');
  }
  if (operations.optionalSecurity.length) {
    lines.push(
      `operations where authentication is optional (${operations.optionalSecurity.length}):`,
      ...listed(operations.optionalSecurity),
    );
  }
  return `${lines.join('\n')}\n`;
}
