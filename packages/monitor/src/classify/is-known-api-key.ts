/**
 * Credential formats that announce themselves by prefix and length, so they are recognised wherever they appear.
 * Each entry: the first character (a cheap filter), and the full pattern.
 */
const KNOWN_KEYS: readonly (readonly [first: string, pattern: RegExp])[] = [
  ['s', /^[sr]k_(?:live|test)_[0-9A-Za-z]{16,247}$/], // Stripe secret and restricted keys
  ['r', /^[sr]k_(?:live|test)_[0-9A-Za-z]{16,247}$/],
  ['g', /^gh[pousr]_[A-Za-z0-9]{36}$/], // GitHub tokens
  ['g', /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/], // GitHub fine-grained personal access tokens
  ['g', /^glpat-[0-9A-Za-z_-]{20}$/], // GitLab personal access tokens
  ['x', /^xox[abeoprs]-(?=[0-9A-Za-z-]*\d)[0-9A-Za-z-]{10,250}$/], // Slack tokens
  ['A', /^(?:AKIA|ASIA)[A-Z2-7]{16}$/], // AWS access key ids
  ['A', /^AIza[0-9A-Za-z_-]{35}$/], // Google API keys
  ['n', /^npm_[A-Za-z0-9]{36}$/], // npm tokens
  ['S', /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/], // SendGrid
  ['S', /^SK[0-9a-f]{32}$/], // Twilio API keys
  ['s', /^sk-(?:proj-|svcacct-|admin-)?(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{40,200}$/], // OpenAI
  ['s', /^sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{80,120}$/], // Anthropic
  ['s', /^sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}$/], // Square
  ['s', /^shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}$/], // Shopify
  ['k', /^key-[0-9a-f]{32}$/], // Mailgun
];

/** True when `value` is an API key or token of a well-known provider, by its documented prefix and length. */
export function isKnownApiKey(value: string): boolean {
  if (value.length < 20 || value.length > 256) return false;
  const first = value[0];
  for (const [start, pattern] of KNOWN_KEYS) {
    if (start === first && pattern.test(value)) return true;
  }
  return false;
}
