import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRuleDocs } from './render-rule-docs.js';
import { api1Rules } from './rules/api1/index.js';
import { api2Rules } from './rules/api2/index.js';
import { api3Rules } from './rules/api3/index.js';
import { api4Rules } from './rules/api4/index.js';
import { BUILT_IN_RULES } from './rules/index.js';

const DOCS = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

describe('docs/rules', () => {
  const expected = renderRuleDocs(BUILT_IN_RULES);

  // `RAMPART_WRITE_RULE_DOCS=1 npx vitest run packages/audit/src/render-rule-docs.test.ts` regenerates them.
  if (process.env['RAMPART_WRITE_RULE_DOCS'] === '1') {
    mkdirSync(DOCS, { recursive: true });
    for (const name of existsSync(DOCS) ? readdirSync(DOCS) : [])
      if (!expected.has(name)) rmSync(`${DOCS}${name}`);
    for (const [name, content] of expected) writeFileSync(`${DOCS}${name}`, content);
  }

  it('has exactly one page per built-in rule plus the index', () => {
    const present = existsSync(DOCS) ? readdirSync(DOCS).sort() : [];
    expect(present, 'run packages/audit/scripts/generate-rule-docs.mjs').toEqual([...expected.keys()].sort());
  });

  it.each([...expected.keys()])('%s matches the rule definition', (name) => {
    const path = `${DOCS}${name}`;
    const actual = existsSync(path) ? readFileSync(path, 'utf8') : '';
    expect(actual, `docs/rules/${name} is stale: run packages/audit/scripts/generate-rule-docs.mjs`).toBe(
      expected.get(name),
    );
  });

  it('every API1–API4 rule has an example that fires and one that passes', () => {
    const rules = [...api1Rules, ...api2Rules, ...api3Rules, ...api4Rules];
    expect(rules.filter((r) => r.examples === undefined).map((r) => r.id)).toEqual([]);
  });
});
