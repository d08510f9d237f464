import type { Flaw } from './flaw.js';

function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Lists every way `flaws` disagree with the demo's parsed OpenAPI `document`: a flaw whose `documented` flag
 * is wrong about its method and path being in `paths`, a non-static flaw with `staticEvidence`, and a static
 * flaw whose evidence (a JSON pointer, optionally followed by a note after a space) names no node. An empty
 * list means the ground truth can be trusted by the audit and scan measurements.
 */
export function listFlawCatalogProblems(flaws: readonly Flaw[], document: unknown): string[] {
  const problems: string[] = [];
  const paths = (document as { paths?: Record<string, Record<string, unknown> | undefined> } | null)?.paths;
  for (const flaw of flaws) {
    const inDocument = paths?.[flaw.path]?.[flaw.method.toLowerCase()] !== undefined;
    if (inDocument !== flaw.documented) {
      problems.push(
        `${flaw.id}: documented is ${flaw.documented} but ${flaw.method} ${flaw.path} is ${inDocument ? '' : 'not '}in openapi.yaml; fix the flag or the document`,
      );
    }
    if (!flaw.static) {
      if (flaw.staticEvidence !== null) {
        problems.push(`${flaw.id}: staticEvidence must be null for a flaw that is not static`);
      }
      continue;
    }
    const pointer = (flaw.staticEvidence ?? '').split(' ')[0] ?? '';
    if (!pointer.startsWith('/') || resolvePointer(document, pointer) === undefined) {
      problems.push(
        `${flaw.id}: staticEvidence ${JSON.stringify(pointer)} points at no node of openapi.yaml; use a JSON pointer that exists`,
      );
    }
  }
  return problems;
}
