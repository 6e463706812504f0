/**
 * Sensitive content in chat messages, found and masked before a message is stored or shown: payment card numbers
 * (13–19 digits that pass the Luhn check), one-time codes, Bangladeshi national ID numbers and passwords sent by
 * mistake. Customers here write in English, Bengali and romanized Bengali, and digits in Bengali (০–৯) too.
 * Pure and synchronous: it runs on every message, before the write.
 */
export const maskKinds = ['card', 'otp', 'nid', 'password'] as const;
export type MaskKind = (typeof maskKinds)[number];

export type MaskResult = { text: string; masked: MaskKind[] };

const BN_ZERO = 0x09e6; // ০
const toAscii = (s: string) => s.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - BN_ZERO));
const DOT = '•';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const D = '[0-9০-৯]';
// 13–19 digits starting 2–6 (the card networks' ranges; a Bangladeshi phone number with its 880 prefix starts
// with 8), in groups separated by single spaces or hyphens, not glued to other digits.
const CARD_RE = new RegExp(`(?<![0-9০-৯+])[2-6২-৬](?:[ -]?${D}){12,18}(?!${D})`, 'g');
// Words that say "the number after me is a one-time code" (\b only works for ASCII words in JavaScript).
const OTP_WORDS_EN = String.raw`otp|one[- ]time(?: pass(?:word|code))?|verification code|verify code|security code|confirmation code|pin(?!\s*code)`;
const OTP_WORDS_BN = String.raw`ওটিপি|পিন|ভেরিফিকেশন কোড|যাচাই কোড`;
const OTP_RE = new RegExp(`(\\b(?:${OTP_WORDS_EN})\\b|${OTP_WORDS_BN})([^0-9০-৯\\n]{0,24}?)(?<!${D})(${D}{4,8})(?!${D})`, 'giu');
const NID_WORDS_EN = String.raw`nid|national id(?:entity)?(?: card)?(?: no\.?| number)?|voter id|smart card|id card`;
const NID_WORDS_BN = String.raw`এনআইডি|জাতীয় পরিচয়(?:পত্র)?|ভোটার আইডি|আইডি কার্ড`;
const NID_RE = new RegExp(`(\\b(?:${NID_WORDS_EN})\\b|${NID_WORDS_BN})([^0-9০-৯\\n]{0,24}?)(?<!${D})(${D}{10}|${D}{13}|${D}{17})(?!${D})`, 'giu');
// 17 digits starting with a birth year: the old NID format, recognizable without a keyword.
const NID17_RE = new RegExp(`(?<!${D})(?:19|20|১৯|২০)${D}{15}(?!${D})`, 'g');
const PASSWORD_RE = /(\b(?:password|passcode|passwd|pass|pwd|pw)\b|পাসওয়ার্ড|পাসওয়ার্ড)(\s*(?:is|holo|hocche|ache|=|:|-|—|হলো|হচ্ছে)?\s*[:=]?\s*)(["'“‘]?)([^\s"'”’]{4,64})/giu;

/** Replaces every digit but the last four with a bullet, keeping spaces and hyphens where they were. */
function maskCard(raw: string) {
  let keep = 4;
  return [...raw]
    .reverse()
    .map((ch) => (/[0-9০-৯]/.test(ch) ? (keep-- > 0 ? ch : DOT) : ch))
    .reverse()
    .join('');
}

export function maskSensitive(input: string): MaskResult {
  const masked = new Set<MaskKind>();
  let text = input.replace(CARD_RE, (m) => {
    const digits = toAscii(m).replace(/[ -]/g, '');
    if (!luhnValid(digits) || /^(\d)\1+$/.test(digits)) return m;
    masked.add('card');
    return maskCard(m);
  });
  text = text.replace(NID_RE, (_m, word: string, gap: string, num: string) => {
    masked.add('nid');
    return `${word}${gap}${DOT.repeat(num.length)}`;
  });
  text = text.replace(NID17_RE, (m) => {
    masked.add('nid');
    return DOT.repeat(m.length);
  });
  text = text.replace(OTP_RE, (_m, word: string, gap: string, num: string) => {
    masked.add('otp');
    return `${word}${gap}${DOT.repeat(num.length)}`;
  });
  text = text.replace(PASSWORD_RE, (m, word: string, sep: string, quote: string, secret: string) => {
    // "password reset", "pass korbo": words that follow "password" in a question, not a password.
    if (/^(reset|change|forgot|forget|bhule|vule|bhulchi|vulechi|recover|update|kivabe|kemne|how|not|na|ta|ti|দিয়ে|ভুলে)$/i.test(secret)) return m;
    if (!sep.trim() && !/\d/.test(secret) && /^[a-z]+$/i.test(secret)) return m; // "pass korte": no separator, a plain word
    masked.add('password');
    return `${word}${sep}${quote}${DOT.repeat(8)}`;
  });
  return { text, masked: maskKinds.filter((k) => masked.has(k)) };
}
