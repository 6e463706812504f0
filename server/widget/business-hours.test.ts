import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '@/db/schema';
import { isWithinBusinessHours } from './business-hours';

// Dhaka is UTC+6 all year (no DST), so a Dhaka wall-clock time is the UTC instant plus six hours.
const dhaka = (isoLocal: string) => new Date(`${isoLocal}+06:00`);

// Sunday to Thursday 09:00–18:00, Saturday 10:00–14:00, Friday closed (a common Bangladeshi shop week).
const hours: BusinessHours = {
  timezone: 'Asia/Dhaka',
  days: [
    ...[0, 1, 2, 3, 4].map((day) => ({ day, open: 9 * 60, close: 18 * 60 })),
    { day: 6, open: 10 * 60, close: 14 * 60 },
  ],
};

describe('isWithinBusinessHours (Asia/Dhaka)', () => {
  it('is open during the working day and closed outside it', () => {
    // 2025-01-06 is a Monday.
    expect(isWithinBusinessHours(hours, dhaka('2025-01-06T12:30:00'))).toBe(true);
    expect(isWithinBusinessHours(hours, dhaka('2025-01-06T08:59:00'))).toBe(false);
    expect(isWithinBusinessHours(hours, dhaka('2025-01-06T22:00:00'))).toBe(false);
  });

  it('opens exactly at the opening minute and is closed at the closing minute', () => {
    expect(isWithinBusinessHours(hours, dhaka('2025-01-06T09:00:00'))).toBe(true);
    expect(isWithinBusinessHours(hours, dhaka('2025-01-06T17:59:00'))).toBe(true);
    expect(isWithinBusinessHours(hours, dhaka('2025-01-06T18:00:00'))).toBe(false);
  });

  it('uses the weekday of the shop, not of UTC', () => {
    // Friday 2025-01-10 in Dhaka is closed all day.
    expect(isWithinBusinessHours(hours, dhaka('2025-01-10T12:00:00'))).toBe(false);
    // Saturday 10:30 in Dhaka is Saturday 04:30 UTC: open.
    expect(isWithinBusinessHours(hours, dhaka('2025-01-11T10:30:00'))).toBe(true);
    // Saturday 15:00 in Dhaka is past the short Saturday close.
    expect(isWithinBusinessHours(hours, dhaka('2025-01-11T15:00:00'))).toBe(false);
  });

  it('crosses midnight with the shop, not with UTC', () => {
    // A night shift: Monday 00:00–06:00 in Dhaka only.
    const night: BusinessHours = { timezone: 'Asia/Dhaka', days: [{ day: 1, open: 0, close: 6 * 60 }] };
    // Monday 02:00 in Dhaka is still Sunday 20:00 in UTC.
    const mondayNight = dhaka('2025-01-06T02:00:00');
    expect(mondayNight.getUTCDay()).toBe(0);
    expect(isWithinBusinessHours(night, mondayNight)).toBe(true);
    // Sunday 02:00 in Dhaka (Saturday 20:00 UTC) is not Monday anywhere: closed.
    expect(isWithinBusinessHours(night, dhaka('2025-01-05T02:00:00'))).toBe(false);
    // Monday 06:00 in Dhaka is Monday 00:00 UTC, the first minute of Monday in UTC, but the shift has ended.
    expect(isWithinBusinessHours(night, dhaka('2025-01-06T06:00:00'))).toBe(false);
  });

  it('uses the minutes of the shop, not of UTC', () => {
    // 17:30 in Dhaka is 11:30 UTC; 19:00 in Dhaka is 13:00 UTC (inside 9–18 if read as UTC, but closed).
    expect(isWithinBusinessHours(hours, dhaka('2025-01-07T19:00:00'))).toBe(false);
    expect(isWithinBusinessHours(hours, dhaka('2025-01-07T17:30:00'))).toBe(true);
  });

  it('treats missing hours as always open', () => {
    expect(isWithinBusinessHours(null, dhaka('2025-01-10T03:00:00'))).toBe(true);
    expect(isWithinBusinessHours(undefined, dhaka('2025-01-10T03:00:00'))).toBe(true);
  });

  it('evaluates in the timezone given by the hours', () => {
    const utcHours: BusinessHours = { timezone: 'UTC', days: [{ day: 1, open: 9 * 60, close: 18 * 60 }] };
    // Monday 09:30 in Dhaka is Monday 03:30 UTC: closed for a UTC shop.
    expect(isWithinBusinessHours(utcHours, dhaka('2025-01-06T09:30:00'))).toBe(false);
    expect(isWithinBusinessHours(utcHours, new Date('2025-01-06T09:30:00Z'))).toBe(true);
  });
});
