import { defineRule } from '../../define-rule.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const infoWithoutContact = defineRule({
  id: 'info-without-contact',
  title: 'API without an owner contact or version',
  severity: 'info',
  scope: 'document',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'certain',
  description:
    'The document has no `info.contact` (name, email or URL), or an empty `info.version`. An API nobody owns on ' +
    'paper is the one that nobody patches, retires or answers a vulnerability report for; without a version, ' +
    'inventories cannot tell deployments of this contract apart.',
  remediation:
    'Add `info.contact` with a team name and a monitored email or URL, and a meaningful `info.version`.',
  check({ model, report }) {
    const info = isObject(model.document['info']) ? model.document['info'] : {};
    const contact = info['contact'];
    const hasContact =
      isObject(contact) &&
      ['name', 'email', 'url'].some(
        (k) => typeof contact[k] === 'string' && (contact[k] as string).trim() !== '',
      );
    const hasVersion = model.info.version.trim().length > 0;
    if (hasContact && hasVersion) return;
    const missing = [hasContact ? undefined : 'info.contact', hasVersion ? undefined : 'info.version'].filter(
      (m) => m !== undefined,
    );
    report({
      message: `the API has no ${missing.join(' and no ')}: name an owner and a version`,
      pointer: '/info',
      snippet: missing.join(', '),
    });
  },
});
