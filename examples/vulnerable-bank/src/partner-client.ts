/** The one partner (a fintech aggregator) the bank issues client-credentials tokens to. */
export const PARTNER_CLIENT_ID = 'fintech-aggregator';
/** Its client secret (a demo value: the partner identity in identities.yaml reads it from the environment). */
export const PARTNER_CLIENT_SECRET = 'pcs_demo_9f2b7d41c8e6a305';
/** The audience and scope of partner tokens. */
export const PARTNER_AUDIENCE = 'bank-partner-api';
export const PARTNER_SCOPE = 'accounts:summary';
/** Partner tokens live 15 minutes. */
export const PARTNER_TOKEN_TTL_SECONDS = 15 * 60;
