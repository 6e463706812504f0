import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessSeconds, ALWAYS_OPEN, type BusinessCalendar, businessSecondsBetween, isBusinessTime } from './business-time';

const H = 3600;
// Saturday to Thursday 09:00–18:00 in Dhaka, Friday closed; Eid-ul-Fitr 2026 as holidays.
const dhaka: BusinessCalendar = {
  timezone: 'Asia/Dhaka',
  hours: [6, 0, 1, 2, 3, 4].map((day) => ({ day, open: 9 * 60, close: 18 * 60 })),
  holidays: ['2026-03-20', '2026-03-21', '2026-03-22'],
};
// A local time in a zone, as a Date.
const at = (iso: string, zone = 'Asia/Dhaka') => DateTime.fromISO(iso, { zone }).toJSDate();
const local = (d: Date | null, zone = 'Asia/Dhaka') => (d ? DateTime.fromJSDate(d, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm") : null);

describe('adding business time', () => {
  it('stays within one working day', () => {
    // Sunday 6 December 2026, 10:00 in Dhaka.
    expect(local(addBusinessSeconds(dhaka, at('2026-12-06T10:00'), 1 * H))).toBe('Sun 2026-12-06T11:00');
  });

  it('carries over the night to the next opening', () => {
    expect(local(addBusinessSeconds(dhaka, at('2026-12-06T17:30'), 1 * H))).toBe('Mon 2026-12-07T09:30');
  });

  it('skips the weekend (Friday closed)', () => {
    expect(local(addBusinessSeconds(dhaka, at('2026-12-10T17:00'), 2 * H))).toBe('Sat 2026-12-12T10:00');
  });

  it('starts the clock at the next opening when it starts outside business hours', () => {
    expect(local(addBusinessSeconds(dhaka, at('2026-12-11T12:00'), 30 * 60))).toBe('Sat 2026-12-12T09:30');
    expect(local(addBusinessSeconds(dhaka, at('2026-12-07T06:00'), 0))).toBe('Mon 2026-12-07T09:00');
  });

  it('skips holidays: a ticket on the eve of Eid is due after the holidays', () => {
    // Thursday 19 March 2026, 17:00; Eid 20–22 March (Fri–Sun), so the next business day is Monday 23 March.
    expect(local(addBusinessSeconds(dhaka, at('2026-03-19T17:00'), 4 * H))).toBe('Mon 2026-03-23T12:00');
    expect(businessSecondsBetween(dhaka, at('2026-03-19T17:00'), at('2026-03-23T12:00'))).toBe(4 * H);
  });

  it('handles night shifts that cross midnight', () => {
    const nights: BusinessCalendar = { timezone: 'Asia/Dhaka', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: 20 * 60, close: 2 * 60 })), holidays: [] };
    // 01:00 on Monday is inside Sunday's shift: one hour left tonight, the next hour from 20:00.
    expect(isBusinessTime(nights, at('2026-12-07T01:00'))).toBe(true);
    expect(isBusinessTime(nights, at('2026-12-07T12:00'))).toBe(false);
    expect(local(addBusinessSeconds(nights, at('2026-12-07T01:00'), 2 * H))).toBe('Mon 2026-12-07T21:00');
    expect(businessSecondsBetween(nights, at('2026-12-06T19:00'), at('2026-12-07T19:00'))).toBe(6 * H);
  });

  it('cuts a holiday out of a night shift that runs into it', () => {
    const nights: BusinessCalendar = { timezone: 'Asia/Dhaka', hours: [{ day: 4, open: 20 * 60, close: 2 * 60 }], holidays: ['2026-12-11'] };
    // Thursday 20:00 → Friday 02:00, but Friday is a holiday: only the four hours before midnight count.
    expect(businessSecondsBetween(nights, at('2026-12-10T00:00'), at('2026-12-12T00:00'))).toBe(4 * H);
  });

  it('counts local hours across a daylight-saving change (Europe/London, 29 March 2026)', () => {
    const london: BusinessCalendar = { timezone: 'Europe/London', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: 9 * 60, close: 17 * 60 })), holidays: [] };
    expect(businessSecondsBetween(london, at('2026-03-28T09:00', 'Europe/London'), at('2026-03-30T17:00', 'Europe/London'))).toBe(24 * H);
    expect(local(addBusinessSeconds(london, at('2026-03-28T16:00', 'Europe/London'), 2 * H), 'Europe/London')).toBe('Sun 2026-03-29T10:00');
  });

  it('is the inverse of measuring: between(from, add(from, s)) = s', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 200; i++) {
      const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 365 * 86_400_000));
      const s = Math.floor(rand() * 40 * H);
      const due = addBusinessSeconds(dhaka, from, s)!;
      expect(businessSecondsBetween(dhaka, from, due)).toBeCloseTo(s, 3);
    }
  });

  it('wall-clock calendar and an empty schedule', () => {
    const from = new Date('2026-12-04T23:30:00Z');
    expect(addBusinessSeconds(ALWAYS_OPEN, from, 2 * H)!.toISOString()).toBe('2026-12-05T01:30:00.000Z');
    expect(businessSecondsBetween(ALWAYS_OPEN, from, new Date('2026-12-06T23:30:00Z'))).toBe(48 * H);
    const closed: BusinessCalendar = { timezone: 'Asia/Dhaka', hours: [], holidays: [] };
    expect(addBusinessSeconds(closed, from, 60)).toBeNull();
    expect(businessSecondsBetween(closed, from, new Date('2026-12-06T00:00:00Z'))).toBe(0);
  });

  it('refuses a bad calendar with a clear error', () => {
    expect(() => addBusinessSeconds({ ...dhaka, timezone: 'Mars/Olympus' }, new Date(), 60)).toThrow(/Unknown time zone/);
    expect(() => addBusinessSeconds({ ...dhaka, hours: [{ day: 7, open: 0, close: 60 }] }, new Date(), 60)).toThrow(/weekday/);
  });
});
