import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s), as every authenticator app reads them. */
const PERIOD = 30;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export function totpUri(secretBase32: string, account: string, issuer = 'Alap') {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secretBase32), period: PERIOD }).toString();
}

export const totpQrSvg = (uri: string) => QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

/** The code for a moment (tests and the demo's helper). */
export const totpCode = (secretBase32: string, at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secretBase32), period: PERIOD, timestamp: at });

/**
 * The time step a code belongs to when it is right for now or the step either side (clock drift), else null.
 * The caller stores the step it accepted and refuses that step or older ones afterwards, so a code works once.
 */
export function totpStep(secretBase32: string, code: string, at = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secretBase32), period: PERIOD, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / 1000 / PERIOD) + delta;
}

/** Ten recovery codes like "k7wq-9d2m-x4pe" (60 bits each); only their hashes are kept. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function newRecoveryCodes(count = 10) {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
export const hashRecoveryCode = (code: string) => createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
