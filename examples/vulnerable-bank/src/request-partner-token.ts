import { PARTNER_CLIENT_ID, PARTNER_CLIENT_SECRET } from './partner-client.js';
import type { TestBank } from './start-test-bank.js';

/** Gets a partner access token from a test bank by client credentials (for exploits and tests). */
export async function requestPartnerToken(bank: TestBank): Promise<string> {
  const response = await bank.call('POST', '/partner/token', {
    body: {
      grant_type: 'client_credentials',
      client_id: PARTNER_CLIENT_ID,
      client_secret: PARTNER_CLIENT_SECRET,
    },
  });
  if (response.status !== 200)
    throw new Error(`POST /partner/token answered ${response.status}: ${response.text}`);
  return response.json.access_token as string;
}
