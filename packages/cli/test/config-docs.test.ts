import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../src/config/config-schema.js';
import { listConfigSettings, type SchemaNode } from '../src/config/config-settings.js';
import { renderConfigDocs } from '../src/config/render-config-docs.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const REGENERATE = 'out of date: run `npm run generate:docs -w @rampart/cli`';

describe('published configuration schema and docs', () => {
  it('docs/schema/rampart.schema.json is the schema in the source', () => {
    expect(read('docs/schema/rampart.schema.json'), REGENERATE).toBe(
      `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`,
    );
  });

  it('docs/configuration.md is generated from the schema', () => {
    expect(read('docs/configuration.md'), REGENERATE).toBe(renderConfigDocs());
  });

  it('describes every property, closes every object, and lists every environment variable', () => {
    const docs = read('docs/configuration.md');
    const visit = (node: SchemaNode, path: string) => {
      if (node.type === 'object' && node.properties) {
        expect(node.additionalProperties, `${path || '(root)'} must be closed`).toBe(false);
        for (const [name, child] of Object.entries(node.properties as Record<string, SchemaNode>)) {
          const key = path ? `${path}.${name}` : name;
          expect(typeof child.description, `${key} needs a description`).toBe('string');
          const isSection = path === '' && child.type === 'object';
          expect(docs, `${key} missing from docs`).toContain(isSection ? `## \`${key}\`` : `| \`${key}\` |`);
          visit(child, key);
        }
      }
      if (node.type === 'array') visit((node.items ?? {}) as SchemaNode, `${path}[]`);
    };
    visit(CONFIG_SCHEMA, '');
    const settings = listConfigSettings();
    expect(settings.length).toBeGreaterThan(20);
    for (const setting of settings) expect(docs).toContain(`\`${setting.env}\``);
  });

  it('names the variables the brief promises', () => {
    const names = listConfigSettings().map((s) => s.env);
    for (const name of [
      'RAMPART_AUDIT_FAIL_ON',
      'RAMPART_STORE_SQLITE_PATH',
      'RAMPART_GATEWAY_LISTEN_PORT',
    ]) {
      expect(names).toContain(name);
    }
  });
});
