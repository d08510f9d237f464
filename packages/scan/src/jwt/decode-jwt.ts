/** The parts of a compact JWS (RFC 7515 section 7.1), decoded but not verified. */
export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  /** `base64url(header).base64url(payload)`, the bytes the signature covers. */
  readonly signingInput: string;
  /** The signature, base64url, as sent ('' when stripped). */
  readonly signature: string;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a compact JWT without verifying it; undefined when it is not one (three parts, JSON header and payload). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  const payload = decodePart(body);
  if (header === undefined || payload === undefined) return undefined;
  return { header, payload, signingInput: `${head}.${body}`, signature };
}
