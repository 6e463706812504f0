/** Text preparation and script analysis for the classifiers: pure functions, no model. */

/** Longer messages are analysed on their first characters only (the models read at most 62 word pieces). */
export const MAX_ANALYSED_CHARS = 1000;

export type PreparedText = { text: string; truncated: boolean };

/**
 * Makes arbitrary input safe to tokenize: NFC, control characters and lone surrogates removed, whitespace
 * collapsed, cut to MAX_ANALYSED_CHARS code points (never inside a surrogate pair). Throws on input that is not
 * a string or holds nothing to analyse.
 */
export function prepareText(input: unknown): PreparedText {
  if (typeof input !== 'string') throw new TypeError('text must be a string');
  // Cut long input first (bounded work), with room for whitespace that collapses away.
  let raw = input.length > MAX_ANALYSED_CHARS * 4 ? input.slice(0, MAX_ANALYSED_CHARS * 4) : input;
  raw = raw
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC')
    // C0/C1 controls except tab/newline, the replacement character and non-characters: binary noise.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(raw);
  const truncated = points.length > MAX_ANALYSED_CHARS || input.length > MAX_ANALYSED_CHARS * 4;
  const text = points.length > MAX_ANALYSED_CHARS ? points.slice(0, MAX_ANALYSED_CHARS).join('') : raw;
  if (text.length === 0) throw new RangeError('text is empty');
  return { text, truncated };
}

const BENGALI_LETTER = /[\u0980-\u09FF]/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/gu;

export type ScriptCounts = { bengali: number; latin: number };

export function scriptCounts(text: string): ScriptCounts {
  return { bengali: text.match(BENGALI_LETTER)?.length ?? 0, latin: text.match(LATIN_LETTER)?.length ?? 0 };
}

/**
 * Bengali script → "bn"; both scripts with a real share each (an English word or more inside Bengali text, or
 * Bengali inside Latin text) → "mixed"; Latin only → null: English or Banglish is for the language model to say.
 */
export function languageByScript({ bengali, latin }: ScriptCounts): 'bn' | 'mixed' | null {
  if (bengali === 0) return null;
  if (latin >= 3 && latin / (latin + bengali) >= 0.1) return 'mixed';
  return 'bn';
}
