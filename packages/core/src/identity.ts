/** How a caller proved who it is. */
export type AuthMethod = 'jwt' | 'introspection' | 'api-key' | 'mtls' | 'basic' | 'cookie' | 'none';

/**
 * The caller of one API call, as far as it is known. Never holds credentials: a token is represented by a
 * short, non-reversible fingerprint so that reuse can be detected without keeping the token.
 */
export interface Identity {
  /** The principal: JWT `sub`, introspected `sub`/`username`, API key owner, certificate subject. */
  readonly subject: string;
  readonly method: AuthMethod;
  readonly tenant?: string;
  readonly roles?: readonly string[];
  readonly scopes?: readonly string[];
  /** Issuer of the token, when there is one. */
  readonly issuer?: string;
  /** A truncated SHA-256 of the credential, to recognise reuse without storing it. */
  readonly credentialFingerprint?: string;
}
