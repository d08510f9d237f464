import type { IdentitySession } from './identities/identity-session.js';
import type { OwnershipLedger } from './ownership-ledger.js';

/**
 * Deletes every object the scan created, newest first, each as its owner with its recorded cleanup request. A
 * 404 counts as done (a check may have deleted it already); other non-2xx answers and errors count as failed.
 */
export async function cleanUpCreatedObjects(
  ledger: OwnershipLedger,
  sessions: readonly IdentitySession[],
  onError: (error: unknown) => void,
): Promise<{ attempted: number; failed: number }> {
  let attempted = 0;
  let failed = 0;
  for (const object of ledger.createdNewestFirst()) {
    const owner = sessions.find((s) => s.name === object.identity);
    if (object.cleanup === undefined || owner === undefined) continue;
    attempted++;
    try {
      const response = await owner.send(object.cleanup);
      if (response.status >= 300 && response.status !== 404) failed++;
    } catch (thrown) {
      failed++;
      onError(thrown);
    }
  }
  return { attempted, failed };
}
