import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

const VERSION_SEGMENT = /^v(\d+)(?:\.(\d+))?(?:beta\d*|alpha\d*)?$/i;

function versionOf(path: string): string | undefined {
  for (const segment of path.split('/')) {
    if (VERSION_SEGMENT.test(segment)) return segment.toLowerCase();
  }
  return undefined;
}

function compareVersions(a: string, b: string): number {
  const [, am = '0', an = '0'] = VERSION_SEGMENT.exec(a) ?? [];
  const [, bm = '0', bn = '0'] = VERSION_SEGMENT.exec(b) ?? [];
  return Number(am) - Number(bm) || Number(an) - Number(bn) || a.localeCompare(b);
}

export const multipleApiVersions = defineRule({
  id: 'multiple-api-versions',
  title: 'Several API versions live in one document',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'firm',
  description:
    'Paths of the document carry different version segments (`/v1/...` and `/v2/...`). The older version is ' +
    'still deployed and reachable, and old versions are where fixed vulnerabilities, weaker authentication and ' +
    'missing rate limits survive (OWASP API9: "unpatched old API versions"). Reported once, on the older ' +
    'operations; low when they are all marked deprecated.',
  remediation:
    'Retire old versions on a schedule: mark their operations `deprecated`, announce a `Sunset` date, keep them ' +
    'in a separate description, and remove them from the gateway when the date passes.',
  check({ model, report }) {
    const byVersion = new Map<string, Operation[]>();
    for (const operation of model.operations) {
      const version = versionOf(operation.path);
      if (version === undefined) continue;
      const list = byVersion.get(version);
      if (list === undefined) byVersion.set(version, [operation]);
      else list.push(operation);
    }
    if (byVersion.size < 2) return;
    const versions = [...byVersion.keys()].sort(compareVersions);
    const newest = versions.at(-1)!;
    for (const version of versions.slice(0, -1)) {
      const [first, ...rest] = byVersion.get(version)! as [Operation, ...Operation[]];
      const allDeprecated = [first, ...rest].every((o) => o.deprecated);
      report({
        message:
          `${rest.length + 1} operation(s) of API version ${version} (e.g. ${first.key}) live beside ${newest}` +
          (allDeprecated
            ? ' (deprecated): remove them at their sunset date'
            : ': deprecate and retire the old version'),
        pointer: first.pointer,
        operation: first,
        relatedOperations: rest,
        snippet: version,
        ...(allDeprecated ? { severity: 'low' as const } : {}),
      });
    }
  },
});
