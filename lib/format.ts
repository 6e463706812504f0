// Locale-aware formatting shared by the widget and the desk. Dependency-free on purpose: the widget bundle
// has a hard size budget, and Intl already knows Bengali digits, month names and day periods.

export type AppLocale = 'bn' | 'en';

/** The BCP 47 tag behind each app locale. en-GB for times (24-hour clock, common in BD business use). */
export function intlLocale(locale: AppLocale | string): string {
  return locale === 'bn' ? 'bn-BD' : 'en-GB';
}

// Intl constructors are slow on low-end phones (tens of µs each); a chat log formats hundreds of times.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(locale: AppLocale | string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `d|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(k) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(k, (f = new Intl.DateTimeFormat(intlLocale(locale), opts)));
  return f;
}
function numberFormat(locale: AppLocale | string, opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const k = `n|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(k) as Intl.NumberFormat | undefined;
  // en-IN groups like Bangladesh does (1,00,000); bn-BD also writes Bengali digits.
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale === 'bn' ? 'bn-BD' : 'en-IN', opts)));
  return f;
}

function toDate(d: Date | string | number): Date {
  return d instanceof Date ? d : new Date(d);
}

/** "14:05" / "২:০৫ PM". */
export function formatTime(date: Date | string | number, locale: AppLocale | string): string {
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(d);
}

/** 1850 -> "1,850" / "১,৮৫০". */
export function formatNumber(n: number, locale: AppLocale | string, opts?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, opts).format(n);
}

/** Taka amount: "৳1,850" / "৳১,৮৫০" (no decimals unless there are paisa). */
export function formatTaka(n: number, locale: AppLocale | string): string {
  return '৳' + formatNumber(n, locale, { maximumFractionDigits: Number.isInteger(n) ? 0 : 2 });
}

/** Local calendar day key (YYYY-MM-DD in the viewer's time zone), for grouping messages by day. */
export function dayKey(date: Date | string | number): string {
  const d = toDate(date);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

const dayLabels = {
  en: { today: 'Today', yesterday: 'Yesterday' },
  bn: { today: 'আজ', yesterday: 'গতকাল' },
} as const;

/** Day separator: "Today" / "আজ", "Yesterday" / "গতকাল", else "Mon 3 Nov" / "সোমবার ৩ নভেম্বর" (+ year if not this year). */
export function formatDay(date: Date | string | number, locale: AppLocale | string, now: Date = new Date()): string {
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) return '';
  const labels = locale === 'bn' ? dayLabels.bn : dayLabels.en;
  const startOf = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const diffDays = Math.round((startOf(now) - startOf(d)) / 86_400_000);
  if (diffDays === 0) return labels.today;
  if (diffDays === 1) return labels.yesterday;
  const opts: Intl.DateTimeFormatOptions = { weekday: locale === 'bn' ? 'long' : 'short', day: 'numeric', month: locale === 'bn' ? 'long' : 'short' };
  if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric';
  return dateFormat(locale, opts).format(d);
}

/** Bengali digits (০-৯) to ASCII, for inputs such as phone numbers typed on a Bengali keyboard. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[০-৯]/g, (c) => String(c.charCodeAt(0) - 0x09e6));
}

/** Taka amount, the name the desk uses. */
export const formatBdt = formatTaka;

/** Compact elapsed time for lists: "now", "5m", "3h", "2d", "6w" / "এখন", "৫ মি", "৩ ঘ", "২ দি", "৬ স". */
export function formatAge(date: Date | string | number, locale: AppLocale | string, now: Date = new Date()): string {
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) return '';
  const s = Math.max(0, Math.floor((now.getTime() - d.getTime()) / 1000));
  const bn = locale === 'bn';
  if (s < 60) return bn ? 'এখন' : 'now';
  const [n, unit] =
    s < 3600 ? [Math.floor(s / 60), bn ? ' মি' : 'm'] : s < 86_400 ? [Math.floor(s / 3600), bn ? ' ঘ' : 'h'] : s < 7 * 86_400 ? [Math.floor(s / 86_400), bn ? ' দি' : 'd'] : [Math.floor(s / (7 * 86_400)), bn ? ' স' : 'w'];
  return formatNumber(n, locale) + unit;
}

/** A duration for people: "45 s", "12 min", "3.5 h" / "৪৫ সেকেন্ড", "১২ মিনিট", "৩.৫ ঘণ্টা"; null → "—". */
export function formatDuration(seconds: number | null | undefined, locale: AppLocale | string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const bn = locale === 'bn';
  if (seconds < 60) return `${formatNumber(Math.round(seconds), locale)} ${bn ? 'সেকেন্ড' : 's'}`;
  if (seconds < 3600) return `${formatNumber(Math.round(seconds / 60), locale)} ${bn ? 'মিনিট' : 'min'}`;
  return `${formatNumber(Math.round((seconds / 3600) * 10) / 10, locale)} ${bn ? 'ঘণ্টা' : 'h'}`;
}
