import { measureSimilarity } from '../measure-similarity.js';

/** What decides whether an object is public. */
export interface PublicObjectEvidence {
  /** The owner's 2xx response body for the object. */
  readonly ownerBody: string;
  /** What anonymous got for the very same request, when it was asked. */
  readonly anonymous?: { readonly status: number; readonly body: string };
  /** Other identities (peers, anonymous) that hold the object's identifier from their own responses or lists. */
  readonly heldBy: readonly string[];
}

/** Why an object is public (or shared) and so no object-level finding. */
export type PublicObjectReason = 'readable-anonymously' | 'seen-by-others';

/** Anonymous must get (nearly) the owner's body, not just a 2xx: a 200 `{ "error": … }` proves nothing. */
const SAME_BODY = 0.9;

/**
 * The rule for public resources, applied before any object-level (BOLA) verdict:
 *
 * 1. `seen-by-others` — another identity (a peer or anonymous) already holds the object's identifier from its
 *    own responses (its own list, its own token, its own creations). Objects every identity sees in its own list,
 *    such as a product catalogue, are public; objects two users share are theirs to see. Neither is a leak.
 * 2. `readable-anonymously` — anonymous gets a 2xx with (nearly, Jaccard ≥ 0.9) the owner's body for the same
 *    request: the API treats the object as public. If the operation declares security, that missing
 *    authentication is api2-missing-credentials' finding (API2), not an object-level one.
 *
 * Undefined when neither holds: the object is the owner's, and another user reading or changing it is BOLA.
 */
export function recognizePublicObject(evidence: PublicObjectEvidence): PublicObjectReason | undefined {
  if (evidence.heldBy.length > 0) return 'seen-by-others';
  const anonymous = evidence.anonymous;
  if (
    anonymous !== undefined &&
    anonymous.status >= 200 &&
    anonymous.status < 300 &&
    measureSimilarity(anonymous.body, evidence.ownerBody) >= SAME_BODY
  ) {
    return 'readable-anonymously';
  }
  return undefined;
}
