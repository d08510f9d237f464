/** The MITRE page of a CWE, e.g. `https://cwe.mitre.org/data/definitions/639.html`. */
export function cweReferenceUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${Math.trunc(cwe)}.html`;
}
