import { describe, expect, it } from 'vitest';
import { newKeyBase64, parseKeyRing, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const k1 = newKeyBase64();
  const k2 = newKeyBase64();

  it('seals with the first key and opens with any configured key', () => {
    const old = new SecretBox(parseKeyRing(`k1:${k1}`));
    const sealed = old.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^enc:k1:/);
    expect(sealed).not.toContain('JBSWY3DP');
    const rotated = new SecretBox(parseKeyRing(`k2:${k2},k1:${k1}`));
    expect(rotated.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(SecretBox.keyIdOf(rotated.seal('x'))).toBe('k2');
  });

  it('refuses altered values, unknown keys and unsealed text', () => {
    const box = new SecretBox(parseKeyRing(`k1:${k1}`));
    const sealed = box.seal('secret');
    const raw = Buffer.from(sealed.split(':')[2]!, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open(`enc:k1:${raw.toString('base64')}`)).toThrow();
    // The key id is authenticated too: relabelling a value to another key fails.
    const both = new SecretBox(parseKeyRing(`k1:${k1},k2:${k1}`));
    expect(() => both.open(sealed.replace('enc:k1:', 'enc:k2:'))).toThrow();
    expect(() => new SecretBox(parseKeyRing(`k2:${k2}`)).open(sealed)).toThrow(/k1, which is not configured/);
    expect(() => box.open('plain')).toThrow(/not a sealed value/);
  });

  it('explains bad key lists', () => {
    expect(() => parseKeyRing('')).toThrow(/no keys/);
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`bad id:${k1}`)).toThrow(/id/);
    expect(() => parseKeyRing(`k1:${k1},k1:${k2}`)).toThrow(/twice/);
  });
});
