import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { publicKeyOf } from './check-grant.js';
import type { SigningKey } from './keys.js';

/**
 * A premises link (场所码): what the QR code printed at a house or a
 * workplace carries. It is a JWT signed by the hub (EdDSA) naming one
 * premises and the link's id, with an expiry; the hub keeps a row per link,
 * so a link can be revoked. Whoever holds the printed code may open the
 * form; what the link grants is only that declarations through it are bound
 * to its premises, and only a credential naming those premises (or a
 * resident's own) may declare at all.
 */
export const PREMISES_LINK_TYPE = 'hub-premises-link+jwt';
export const PREMISES_LINK_ISSUER = 'urn:population-data-hub:premises';
const ALGORITHM = 'EdDSA';

export type PremisesKind = 'HOUSE' | 'EMPLOYER';

/** What a link names. */
export interface PremisesLinkClaims {
  id: string;
  kind: PremisesKind;
  code: string;
  issuedAt: Date;
  expiresAt: Date;
}

const Claims = z.object({
  jti: z.uuid(),
  pk: z.enum(['HOUSE', 'EMPLOYER']),
  pc: z.string().regex(/^[0-9A-Z]{18}$/),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** A link this hub did not sign, or one that is not a premises link at all: a caller's mistake or a forgery. */
export class PremisesLinkForged extends Error {}

/** Signs and verifies premises links with the hub's key. */
export class PremisesLinkSigner {
  private readonly publicKey: ReturnType<typeof publicKeyOf>;

  constructor(private readonly signer: SigningKey) {
    this.publicKey = publicKeyOf(signer);
  }

  sign(claims: PremisesLinkClaims): Promise<string> {
    return new SignJWT({ pk: claims.kind, pc: claims.code })
      .setProtectedHeader({ alg: ALGORITHM, typ: PREMISES_LINK_TYPE, ...(this.signer.kid ? { kid: this.signer.kid } : {}) })
      .setIssuer(PREMISES_LINK_ISSUER)
      .setJti(claims.id)
      .setIssuedAt(Math.floor(claims.issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(this.signer.key);
  }

  /**
   * What a link names, and whether it has expired; throws PremisesLinkForged
   * for anything this hub did not sign as a premises link. An expired link is
   * still told apart from a forged one, so the form can say which.
   */
  async verify(token: string): Promise<PremisesLinkClaims & { expired: boolean }> {
    if (token.length > 2_000 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) throw new PremisesLinkForged('not a compact JWT');
    let payload: unknown;
    let expired = false;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, { algorithms: [ALGORITHM], issuer: PREMISES_LINK_ISSUER, typ: PREMISES_LINK_TYPE, requiredClaims: ['exp', 'iat', 'jti'] }));
    } catch (error) {
      // jose checks the signature before the claims: an expired link reached here was signed by this hub.
      if (!(error instanceof errors.JWTExpired)) throw new PremisesLinkForged((error as Error).message);
      payload = error.payload;
      expired = true;
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new PremisesLinkForged('malformed claims');
    const { jti, pk, pc, iat, exp } = claims.data;
    return { id: jti, kind: pk, code: pc, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000), expired };
  }
}
