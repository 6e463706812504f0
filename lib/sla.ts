import type { SlaSummary } from './contracts/chat';

export type SlaState = 'ok' | 'warning' | 'breached' | 'paused';

/** Where an SLA clock stands at `now`, and the minutes left (negative: overdue by). Shared by desk views and tests. */
export function slaState(sla: SlaSummary, now: number): { state: SlaState; minutes: number | null } {
  if (!sla.dueAt) return { state: sla.breachedAt ? 'breached' : 'paused', minutes: null };
  const due = Date.parse(sla.dueAt);
  const minutes = Math.round((due - now) / 60_000);
  if (sla.breachedAt || due <= now) return { state: 'breached', minutes };
  if (sla.warnAt && Date.parse(sla.warnAt) <= now) return { state: 'warning', minutes };
  return { state: 'ok', minutes };
}

/** "1 h 5 min" / "45 min" for a duration in minutes (absolute). */
export function formatMinutes(mins: number, bn: boolean): string {
  const m = Math.abs(mins);
  const digits = (n: number) => (bn ? n.toLocaleString('bn-BD') : String(n));
  if (m < 60) return bn ? `${digits(m)} মিনিট` : `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (m >= 48 * 60) return bn ? `${digits(Math.round(m / 1440))} দিন` : `${Math.round(m / 1440)} d`;
  return bn ? `${digits(h)} ঘণ্টা${r ? ` ${digits(r)} মিনিট` : ''}` : `${h} h${r ? ` ${r} min` : ''}`;
}
