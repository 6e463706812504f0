import { describe, expect, it } from 'vitest';
import { luhnValid, maskSensitive } from './mask';

const m = (s: string) => maskSensitive(s);

describe('maskSensitive', () => {
  it('masks Luhn-valid card numbers in any grouping, keeping the last four digits', () => {
    expect(m('card 4111 1111 1111 1111 diye pay korechi')).toEqual({ text: 'card •••• •••• •••• 1111 diye pay korechi', masked: ['card'] });
    expect(m('5500-0000-0000-0004').text).toBe('••••-••••-••••-0004');
    expect(m('amar card 378282246310005').text).toBe('amar card •••••••••••0005');
    // Bengali digits: ৪১১১ ১১১১ ১১১১ ১১১১
    expect(m('কার্ড ৪১১১ ১১১১ ১১১১ ১১১১').text).toBe('কার্ড •••• •••• •••• ১১১১');
  });

  it('leaves numbers that are not cards: failing Luhn, phone numbers, order and tracking numbers', () => {
    for (const s of [
      '4111 1111 1111 1112', // Luhn fails
      'amar number 01712345678',
      '+8801712345678 e call din',
      '8801712345678',
      'order DB-10234 kobe asbe?',
      'tracking 1234567890', // 10 digits, no keyword
      '৳1,850 dam',
      '0000 0000 0000 0000',
    ]) {
      expect(m(s)).toEqual({ text: s, masked: [] });
    }
  });

  it('masks one-time codes after the words that name them, in English, Banglish and Bengali', () => {
    expect(m('My OTP is 482913')).toEqual({ text: 'My OTP is ••••••', masked: ['otp'] });
    expect(m('otp: 4821, eta ki dibo?').text).toBe('otp: ••••, eta ki dibo?');
    expect(m('verification code 99812 ashche').text).toBe('verification code ••••• ashche');
    expect(m('bKash PIN 12345').text).toBe('bKash PIN •••••');
    expect(m('আমার ওটিপি ৫৬৭৮৯০').text).toBe('আমার ওটিপি ••••••');
    // A postal "pin code" is not a secret, nor a number without a keyword.
    expect(m('pin code 1207, Dhaka').masked).toEqual([]);
    expect(m('1207 er kache').masked).toEqual([]);
    expect(m('shopping 1234').masked).toEqual([]);
  });

  it('masks national ID numbers after NID words, and 17-digit ones that start with a birth year anywhere', () => {
    expect(m('NID: 1234567890').text).toBe('NID: ••••••••••');
    expect(m('amar national id number holo 1990123456789').text).toBe('amar national id number holo •••••••••••••');
    expect(m('এনআইডি ১২৩৪৫৬৭৮৯০').text).toBe('এনআইডি ••••••••••');
    expect(m('19901234567890123 eta').text).toBe('••••••••••••••••• eta');
    expect(m('NID er jonno ki lagbe?').masked).toEqual([]);
  });

  it('masks passwords sent by mistake, not questions about passwords', () => {
    expect(m('password: Dhaka@123')).toEqual({ text: 'password: ••••••••', masked: ['password'] });
    expect(m('amar password holo hunter22').text).toBe('amar password holo ••••••••');
    expect(m('my password is "s3cr3t!"').text).toBe('my password is "••••••••"');
    expect(m('পাসওয়ার্ড: abc12345').text).toBe('পাসওয়ার্ড: ••••••••');
    for (const s of ['password reset kivabe korbo?', 'password vule gechi', 'pass korte parchi na', 'password change korte chai', 'I forgot my password']) {
      expect(m(s).masked).toEqual([]);
    }
  });

  it('reports every kind found, in a fixed order, and leaves ordinary Bengali and Banglish alone', () => {
    expect(m('OTP 1234, card 4111111111111111, password: abcd1234').masked).toEqual(['card', 'otp', 'password']);
    for (const s of ['আমার অর্ডার কোথায়?', 'vai order ta kobe pabo', 'Size 42 ache?', 'price 2450 taka']) expect(m(s)).toEqual({ text: s, masked: [] });
  });

  it('Luhn check', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});
