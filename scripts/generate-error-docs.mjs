#!/usr/bin/env node
// Regenerates docs/errors.md from the error catalogue in packages/core (build first: npm run build).
import { writeFileSync } from 'node:fs';
import { renderErrorDocs } from '../packages/core/dist/render-error-docs.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorDocs());
console.log('docs/errors.md written');
