import { DateTime } from 'luxon';

// Business-time arithmetic for SLA clocks: a weekly schedule in a time zone, minus holidays. Pure; luxon does
// the calendar and time-zone work (days, offsets, DST where a zone has it).

export type WeeklyHours = {
  /** 0 = Sunday … 6 = Saturday, as `Date#getDay()`. */
  day: number;
  /** Minutes from local midnight. `close` ≤ `open` means the shift ends on the next day (a night shift). */
  open: number;
  close: number;
};

export type BusinessCalendar = {
  timezone: string;
  hours: WeeklyHours[];
  /** Local dates (YYYY-MM-DD) on which no business time counts, whatever the schedule says. */
  holidays: string[];
};

type Span = { start: number; end: number };

const MAX_DAYS = 3 * 366;

/** Local wall-clock time `minutes` after the start of `day` (not elapsed minutes: a DST change day keeps 09:00 at 09:00). */
function wallTime(day: DateTime, minutes: number): DateTime {
  const d = day.plus({ days: Math.floor(minutes / 1440) }).startOf('day');
  const m = minutes % 1440;
  return d.set({ hour: Math.floor(m / 60), minute: m % 60 });
}

/** The calendar's business spans (epoch ms) for shifts starting on local day `d`, with holidays cut out. */
function spansOfDay(cal: BusinessCalendar, d: DateTime, holidays: Set<string>): Span[] {
  const weekday = d.weekday % 7; // luxon: 1 = Monday … 7 = Sunday
  const out: Span[] = [];
  for (const h of cal.hours) {
    if (h.day !== weekday) continue;
    const start = wallTime(d, h.open);
    const end = wallTime(d, h.close > h.open ? h.close : 1440 + h.close);
    out.push(...cutHolidays({ start: start.toMillis(), end: end.toMillis() }, d, cal, holidays));
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Removes holiday dates from a span that starts on local day `d` (a night shift can run into the next day). */
function cutHolidays(span: Span, d: DateTime, cal: BusinessCalendar, holidays: Set<string>): Span[] {
  if (holidays.size === 0) return [span];
  let parts = [span];
  for (let day = d; day.toMillis() < span.end; day = day.plus({ days: 1 })) {
    if (!holidays.has(day.toISODate()!)) continue;
    const hs = day.startOf('day').toMillis();
    const he = day.plus({ days: 1 }).startOf('day').toMillis();
    parts = parts.flatMap((p) => {
      if (p.end <= hs || p.start >= he) return [p];
      const keep: Span[] = [];
      if (p.start < hs) keep.push({ start: p.start, end: hs });
      if (p.end > he) keep.push({ start: he, end: p.end });
      return keep;
    });
  }
  return parts.filter((p) => p.end > p.start);
}

function validate(cal: BusinessCalendar) {
  if (!DateTime.local().setZone(cal.timezone).isValid) throw new Error(`Unknown time zone: ${cal.timezone}`);
  for (const h of cal.hours) {
    if (!Number.isInteger(h.day) || h.day < 0 || h.day > 6) throw new Error(`Bad weekday ${h.day}`);
    if (h.open < 0 || h.open >= 1440 || h.close < 0 || h.close > 1440) throw new Error('Opening minutes must be within a day');
  }
}

/**
 * Walks business spans from the local day before `from` onwards (so a night shift that began yesterday counts),
 * calling `visit` with each span clipped to start no earlier than `from`; stops when `visit` returns true.
 */
function walk(cal: BusinessCalendar, from: number, visit: (s: Span) => boolean) {
  validate(cal);
  if (cal.hours.length === 0) return;
  const holidays = new Set(cal.holidays);
  let day = DateTime.fromMillis(from, { zone: cal.timezone }).startOf('day').minus({ days: 1 });
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const s of spansOfDay(cal, day, holidays)) {
      if (s.end <= from) continue;
      if (visit({ start: Math.max(s.start, from), end: s.end })) return;
    }
  }
}

/** Business seconds between two instants (0 when `to` is not after `from`). */
export function businessSecondsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let ms = 0;
  walk(cal, a, (s) => {
    if (s.start >= b) return true;
    ms += Math.min(s.end, b) - s.start;
    return s.end >= b;
  });
  return ms / 1000;
}

/**
 * The instant at which `seconds` of business time have passed since `from`. Time outside business hours does
 * not count; starting outside them, the clock starts at the next opening. Null when the calendar has no
 * business time within three years (an empty schedule).
 */
export function addBusinessSeconds(cal: BusinessCalendar, from: Date, seconds: number): Date | null {
  let left = Math.max(0, seconds) * 1000;
  let at: number | null = null;
  walk(cal, from.getTime(), (s) => {
    const len = s.end - s.start;
    if (left <= len) {
      at = s.start + left;
      return true;
    }
    left -= len;
    return false;
  });
  return at === null ? null : new Date(at);
}

/** Whether `at` falls within business hours. */
export function isBusinessTime(cal: BusinessCalendar, at: Date): boolean {
  let inside = false;
  const t = at.getTime();
  walk(cal, t, (s) => {
    inside = s.start <= t && t < s.end;
    return true;
  });
  return inside;
}

/** Around the clock, every day: wall-clock time. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timezone: 'UTC',
  hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: 0, close: 0 })),
  holidays: [],
};
