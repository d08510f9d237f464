import { ERROR_CODES } from './errors.js';

/**
 * The error catalogue as Markdown (docs/errors.md). A test compares the committed file with this output, so the
 * docs cannot drift from the codes; regenerate with `node scripts/generate-error-docs.mjs` after `npm run build`.
 */
export function renderErrorDocs(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return [
    '# Error codes',
    '',
    '<!-- Generated from packages/core/src/errors.ts by scripts/generate-error-docs.mjs. Do not edit by hand. -->',
    '',
    'Every error Rampart raises carries one of these stable codes (`RampartError.code`). Codes are never reused or',
    'renamed. The CLI maps input errors to exit code 2 and internal failures to exit code 3',
    '(`packages/cli/src/exit-codes.ts`).',
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
