import { createHash } from 'node:crypto';
import { type CryptoKey, createRemoteJWKSet, exportJWK, generateKeyPair, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { normalizeEmail } from '../../shared/domain/emails.ts';

export const LOCAL_ISSUER = 'https://local.org-invitations.dev';
export const LOCAL_AUDIENCE = 'org-invitations-local';

/** The same email always maps to the same user id, across restarts. */
export const localUserId = (email: string) => `usr_${createHash('sha256').update(normalizeEmail(email)).digest('base64url').slice(0, 22)}`;

/** Stands in for the identity provider: signs and verifies tokens with a key pair made at start-up. */
export class LocalIssuer {
  private readonly trusted: { issuer: string; audience: string; keys: JWTVerifyGetKey }[] = [];

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
  ) {}

  /**
   * Also accept the tokens of an OpenID provider (the local one the web app signs in with), checked
   * as API Gateway's JWT authorizer checks them: signature against the issuer's published JWKS,
   * issuer, audience (the app client id) and expiry.
   */
  trust(issuer: string, audience: string) {
    this.trusted.push({ issuer, audience, keys: createRemoteJWKSet(new URL(`${issuer}/jwks`)) });
  }

  static async create(): Promise<LocalIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return new LocalIssuer(privateKey, publicKey);
  }

  /** `userId` is for tests that need two accounts with one email (as two identity providers could give). */
  async issue(input: {
    email: string;
    name?: string;
    emailVerified?: boolean;
    userId?: string;
    zoneinfo?: string;
  }): Promise<{ token: string; userId: string }> {
    const email = normalizeEmail(input.email);
    const userId = input.userId ?? localUserId(email);
    const token = await new SignJWT({
      email,
      email_verified: input.emailVerified ?? true,
      ...(input.name ? { name: input.name } : {}),
      ...(input.zoneinfo ? { zoneinfo: input.zoneinfo } : {}),
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(userId)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.privateKey);
    return { token, userId };
  }

  /** Like API Gateway's JWT authorizer: signature, issuer, audience and expiry, or null. */
  async verify(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
      return payload;
    } catch {
      // not ours: maybe one of a trusted provider's
    }
    for (const t of this.trusted) {
      try {
        const { payload } = await jwtVerify(token, t.keys, { issuer: t.issuer, audience: t.audience });
        return payload;
      } catch {
        // try the next issuer
      }
    }
    return null;
  }

  jwk() {
    return exportJWK(this.publicKey);
  }
}
