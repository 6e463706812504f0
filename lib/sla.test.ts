import { describe, expect, it } from 'vitest';
import { formatMinutes, slaState } from './sla';

const now = Date.parse('2026-12-07T04:00:00Z');
const iso = (minFromNow: number) => new Date(now + minFromNow * 60_000).toISOString();

describe('SLA state for the desk', () => {
  it('is ok before the warning, warning after it, breached at the due time or once recorded', () => {
    expect(slaState({ kind: 'first_response', dueAt: iso(30), warnAt: iso(10), breachedAt: null }, now)).toEqual({ state: 'ok', minutes: 30 });
    expect(slaState({ kind: 'first_response', dueAt: iso(5), warnAt: iso(-1), breachedAt: null }, now)).toEqual({ state: 'warning', minutes: 5 });
    expect(slaState({ kind: 'first_response', dueAt: iso(-7), warnAt: iso(-20), breachedAt: null }, now)).toEqual({ state: 'breached', minutes: -7 });
    expect(slaState({ kind: 'resolution', dueAt: null, warnAt: null, breachedAt: null }, now)).toEqual({ state: 'paused', minutes: null });
    expect(slaState({ kind: 'resolution', dueAt: null, warnAt: null, breachedAt: iso(-60) }, now).state).toBe('breached');
  });

  it('formats durations in English and Bengali', () => {
    expect(formatMinutes(45, false)).toBe('45 min');
    expect(formatMinutes(-65, false)).toBe('1 h 5 min');
    expect(formatMinutes(120, false)).toBe('2 h');
    expect(formatMinutes(3 * 1440, false)).toBe('3 d');
    expect(formatMinutes(45, true)).toBe('৪৫ মিনিট');
  });
});
