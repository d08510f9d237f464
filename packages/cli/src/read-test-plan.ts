import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import type { TestPlan, TestPlanEntry } from '@rampart/scan';

/**
 * Reads the audit's test plan (`rampart audit --plan`, docs/test-plan.md) for the scanner. Only version 1 is
 * accepted; entries without a method, path and numeric priority are reported, all in one `RAMPART_ERR_USAGE`
 * error naming the file and the entry index.
 */
export async function readTestPlan(file: string, cwd: string): Promise<TestPlan> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
  } catch (cause) {
    const reason =
      cause instanceof SyntaxError
        ? `it is not JSON (${cause.message})`
        : ((cause as NodeJS.ErrnoException).code ?? String(cause));
    throw new RampartError('RAMPART_ERR_USAGE', `cannot read the test plan ${file}: ${reason}`, {
      cause,
      hint: 'write one with rampart audit openapi.yaml --plan plan.json',
    });
  }
  const plan = data as { version?: unknown; entries?: unknown };
  if (plan?.version !== 1 || !Array.isArray(plan.entries)) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `the test plan ${file} must have "version": 1 and an "entries" list, got version ${JSON.stringify(plan?.version)}`,
      { hint: 'regenerate it with this version of rampart: rampart audit openapi.yaml --plan plan.json' },
    );
  }
  const problems: string[] = [];
  const entries: TestPlanEntry[] = [];
  for (const [index, entry] of (plan.entries as Record<string, unknown>[]).entries()) {
    if (
      typeof entry?.['method'] !== 'string' ||
      typeof entry['path'] !== 'string' ||
      typeof entry['priority'] !== 'number'
    ) {
      problems.push(`entries[${index}] needs a string method and path and a numeric priority`);
      continue;
    }
    entries.push({
      kind: typeof entry['kind'] === 'string' ? entry['kind'] : 'unknown',
      priority: entry['priority'],
      method: entry['method'],
      path: entry['path'],
    });
  }
  if (problems.length > 0) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `the test plan ${file} is malformed: ${problems.slice(0, 5).join('; ')}`,
      {
        hint: 'regenerate it with rampart audit openapi.yaml --plan plan.json',
      },
    );
  }
  return { version: 1, entries };
}
