import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, totpQrSvg, totpStep, totpUri } from './totp';

describe('TOTP', () => {
  // RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", at 59 s, gives 94287082 (8 digits); 6 digits: 287082.
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('matches the RFC 6238 test vector', () => {
    expect(totpCode(rfcSecret, 59_000)).toBe('287082');
    expect(totpCode(rfcSecret, 1111111109_000)).toBe('081804');
  });

  it('accepts the current step and one either side, and says which step', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, now - 90_000), now)).toBeNull();
    expect(totpStep(secret, ' ' + totpCode(secret, now).replace(/(\d{3})/, '$1 '), now)).toBe(step);
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
  });

  it('gives an otpauth URI and a QR code for authenticator apps', async () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'nusrat@dokanbazar.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Alap:nusrat%40dokanbazar\.test\?/);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP');
    expect(await totpQrSvg(uri)).toMatch(/^<svg/);
  });

  it('makes distinct recovery codes whose hashes ignore case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(hashRecoveryCode(codes[0]!.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(codes[0]!));
  });
});
