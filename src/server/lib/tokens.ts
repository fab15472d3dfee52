import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A secret for a link or session: 256 bits from the CSPRNG, URL-safe. */
export const newSecretToken = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** Tokens are stored only as this hash, so a leaked database opens nothing. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const sha256 = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
