// Module hooks that let a plain `node` child process run this repository's TypeScript sources, the way vitest's
// aliases do for tests: `@rampart/<pkg>` resolves to packages/<pkg>/src/index.ts, `./x.js` to `./x.ts` when only
// the TypeScript file exists, and `.ts` files are transpiled (types erased) with the repository's TypeScript.
// Used only by the store contract's crash test, which must kill a real process mid-write.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packagesDir = new URL('../../../', import.meta.url);

export async function resolve(specifier, context, next) {
  const pkg = /^@rampart\/([a-z0-9-]+)$/.exec(specifier);
  if (pkg) {
    const url = new URL(`${pkg[1]}/src/index.ts`, packagesDir);
    if (existsSync(url)) return { url: url.href, shortCircuit: true };
  }
  if (
    (specifier.startsWith('.') || specifier.startsWith('file:')) &&
    specifier.endsWith('.js') &&
    context.parentURL
  ) {
    const js = new URL(specifier, context.parentURL);
    const tsUrl = new URL(js.href.replace(/\.js$/, '.ts'));
    if (!existsSync(js) && existsSync(tsUrl)) return { url: tsUrl.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const out = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      sourceMap: false,
    },
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
