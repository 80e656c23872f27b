import { createHash } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'https://local.org-invitations.dev';
export const LOCAL_AUDIENCE = 'org-invitations-local';

/** The same email always maps to the same user id, across restarts. */
export const localUserId = (email: string) =>
  `usr_${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22)}`;

/** Stands in for the identity provider: signs and verifies tokens with a key pair made at start-up. */
export class LocalIssuer {
  private constructor(private readonly privateKey: CryptoKey, private readonly publicKey: CryptoKey) {}

  static async create(): Promise<LocalIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return new LocalIssuer(privateKey, publicKey);
  }

  /** `userId` is for tests that need two accounts with one email (as two identity providers could give). */
  async issue(input: { email: string; name?: string; emailVerified?: boolean; userId?: string }): Promise<{ token: string; userId: string }> {
    const email = input.email.trim().toLowerCase();
    const userId = input.userId ?? localUserId(email);
    const token = await new SignJWT({
      email,
      email_verified: input.emailVerified ?? true,
      ...(input.name ? { name: input.name } : {}),
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
      return null;
    }
  }

  jwk() {
    return exportJWK(this.publicKey);
  }
}
