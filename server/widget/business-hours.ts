import type { BusinessHours } from '@/db/schema';

/** Whether `now` falls inside the business hours, evaluated in the hours' own time zone. No hours = always open. */
export function isWithinBusinessHours(hours: BusinessHours | null | undefined, now: Date = new Date()): boolean {
  if (!hours || hours.days.length === 0) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  return hours.days.some((d) => d.day === day && minutes >= d.open && minutes < d.close);
}
