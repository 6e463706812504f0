import { addBusinessSeconds, type BusinessCalendar, businessSecondsBetween } from './business-time';

// An SLA clock as plain data and pure transitions; SlaService stores it in sla_clocks.

export const slaKinds = ['first_response', 'next_response', 'resolution'] as const;
export type SlaKind = (typeof slaKinds)[number];

export type ClockState = {
  targetSeconds: number;
  /** Business seconds used in finished running stretches (before the current one). */
  usedSeconds: number;
  status: 'running' | 'paused' | 'stopped';
  runningSince: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
};

/** The share of the target at which the clock warns. */
export const WARN_AT = 0.8;

function schedule(c: ClockState, cal: BusinessCalendar, now: Date): ClockState {
  const left = c.targetSeconds - c.usedSeconds;
  const warnLeft = c.targetSeconds * WARN_AT - c.usedSeconds;
  return {
    ...c,
    status: 'running',
    runningSince: now,
    dueAt: addBusinessSeconds(cal, now, Math.max(0, left)),
    warnAt: c.warnedAt ? null : addBusinessSeconds(cal, now, Math.max(0, warnLeft)),
  };
}

export function startClock(targetSeconds: number, cal: BusinessCalendar, now: Date): ClockState {
  return schedule({ targetSeconds, usedSeconds: 0, status: 'running', runningSince: now, dueAt: null, warnAt: null, warnedAt: null, breachedAt: null }, cal, now);
}

/** Business seconds used so far, including the running stretch. */
export function usedBy(c: ClockState, cal: BusinessCalendar, now: Date): number {
  return c.usedSeconds + (c.status === 'running' && c.runningSince ? businessSecondsBetween(cal, c.runningSince, now) : 0);
}

export function pauseClock(c: ClockState, cal: BusinessCalendar, now: Date): ClockState {
  if (c.status !== 'running') return c;
  return { ...c, status: 'paused', usedSeconds: usedBy(c, cal, now), runningSince: null, dueAt: null, warnAt: null };
}

export function resumeClock(c: ClockState, cal: BusinessCalendar, now: Date): ClockState {
  if (c.status !== 'paused') return c;
  return schedule(c, cal, now);
}

/** A new target (the priority or team changed): what was used stays used; a breach already recorded stays. */
export function retargetClock(c: ClockState, targetSeconds: number, cal: BusinessCalendar, now: Date): ClockState {
  if (c.status === 'stopped' || targetSeconds === c.targetSeconds) return c;
  const used = usedBy(c, cal, now);
  const next = { ...c, targetSeconds, usedSeconds: used };
  return c.status === 'running' ? schedule(next, cal, now) : next;
}

/** Stops the clock; met when it never breached and the business time used is within the target. */
export function stopClock(c: ClockState, cal: BusinessCalendar, now: Date): { clock: ClockState; met: boolean; used: number } {
  const used = usedBy(c, cal, now);
  const clock: ClockState = { ...c, status: 'stopped', usedSeconds: used, runningSince: null, dueAt: null, warnAt: null };
  return { clock, met: !c.breachedAt && used <= c.targetSeconds, used };
}

/** What a running clock has reached at `now`: a warning (80%) and/or a breach, each at most once. */
export function checkClock(c: ClockState, now: Date): { warn: boolean; breach: boolean } {
  if (c.status !== 'running') return { warn: false, breach: false };
  const breach = !c.breachedAt && !!c.dueAt && c.dueAt.getTime() <= now.getTime();
  const warn = !c.warnedAt && !c.breachedAt && !!c.warnAt && c.warnAt.getTime() <= now.getTime();
  return { warn, breach };
}

/** The priority one step up (breach escalation). */
export function raisePriority<P extends 'none' | 'low' | 'medium' | 'high' | 'urgent'>(p: P): 'low' | 'medium' | 'high' | 'urgent' {
  const order = ['none', 'low', 'medium', 'high', 'urgent'] as const;
  const i = order.indexOf(p);
  return order[Math.min(order.length - 1, Math.max(2, i + 1))] as 'low' | 'medium' | 'high' | 'urgent';
}
