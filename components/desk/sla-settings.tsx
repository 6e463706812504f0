'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type Priority, priorities } from '@/lib/contracts/chat';
import type { DeskDict } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

type Policy = {
  id?: string;
  name: string;
  teamId: string | null;
  priority: Priority | null;
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
};
export type Calendar = { id: string; name: string; timezone: string; hours: { day: number; open: number; close: number }[]; holidays: { date: string; name: string }[]; isDefault: boolean };
type Team = { id: string; name: string };

const toMin = (s: number | null) => (s === null ? '' : String(Math.round(s / 60)));
const fromMin = (m: string) => (m.trim() === '' ? null : Math.round(Number(m) * 60));
const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function useRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() });
}

/** Supervisors and admins: SLA policies per team and priority, business calendars with holidays, team calendars. */
export function SlaSettings({ t, teams }: { t: DeskDict; teams: Team[] }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.sla.settings.queryOptions());
  const [adding, setAdding] = useState(0);
  return (
    <section aria-labelledby="sla-settings" data-testid="sla-settings">
      <h2 id="sla-settings">{t.slaSettings}</h2>
      <p className={styles.muted}>{t.slaSettingsHint}</p>
      {settings.isPending && <p className={styles.muted}>{t.loading}</p>}
      {settings.error && <p role="alert" className={styles.error}>{settings.error.message}</p>}
      {settings.data && (
        <>
          <h3>{t.slaPolicies}</h3>
          <div className={styles.tableScroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t.policyName}</th>
                  <th>{t.team}</th>
                  <th>{t.priority}</th>
                  <th>{t.sla_first_response} (min)</th>
                  <th>{t.sla_next_response} (min)</th>
                  <th>{t.sla_resolution} (min)</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {settings.data.policies.map((p) => (
                  <PolicyRow key={p.id} t={t} teams={teams} policy={p} />
                ))}
                <PolicyRow
                  key={`new-${adding}`}
                  t={t}
                  teams={teams}
                  policy={{ name: '', teamId: null, priority: null, firstResponseSeconds: 900, nextResponseSeconds: 1800, resolutionSeconds: 86_400 }}
                  onSaved={() => setAdding((n) => n + 1)}
                />
              </tbody>
            </table>
          </div>
          <h3>{t.calendars}</h3>
          {settings.data.calendars.map((c) => (
            <CalendarForm key={c.id} t={t} calendar={c} />
          ))}
          <h3>{t.teamCalendars}</h3>
          <div className={styles.tableScroll}>
            <table className={styles.table}>
              <tbody>
                {teams.map((team) => (
                  <TeamCalendarRow key={team.id} t={t} team={team} calendars={settings.data.calendars} current={settings.data.teamCalendars[team.id] ?? null} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function PolicyRow({ t, teams, policy, onSaved }: { t: DeskDict; teams: Team[]; policy: Policy; onSaved?: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [name, setName] = useState(policy.name);
  const [teamId, setTeamId] = useState(policy.teamId ?? '');
  const [priority, setPriority] = useState<string>(policy.priority ?? '');
  const [first, setFirst] = useState(toMin(policy.firstResponseSeconds));
  const [next, setNext] = useState(toMin(policy.nextResponseSeconds));
  const [resolution, setResolution] = useState(toMin(policy.resolutionSeconds));
  const save = useMutation(
    trpc.sla.savePolicy.mutationOptions({
      onSuccess: () => {
        refresh();
        onSaved?.();
      },
    }),
  );
  const remove = useMutation(trpc.sla.deletePolicy.mutationOptions({ onSuccess: refresh }));
  const label = (what: string) => `${policy.name || t.newPolicy}: ${what}`;
  return (
    <tr data-testid="sla-policy">
      <td>
        <input aria-label={label(t.policyName)} value={name} onChange={(e) => setName(e.target.value)} placeholder={t.newPolicy} dir="auto" />
      </td>
      <td>
        <select aria-label={label(t.team)} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t.anyTeam}</option>
          {teams.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={label(t.priority)} value={priority} onChange={(e) => setPriority(e.target.value)}>
          <option value="">{t.anyPriority}</option>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t[p]}
            </option>
          ))}
        </select>
      </td>
      {[
        [first, setFirst, t.sla_first_response],
        [next, setNext, t.sla_next_response],
        [resolution, setResolution, t.sla_resolution],
      ].map(([v, set, what]) => (
        <td key={what as string}>
          <input
            aria-label={label(what as string)}
            type="number"
            min={1}
            inputMode="numeric"
            placeholder={t.off}
            value={v as string}
            onChange={(e) => (set as (s: string) => void)(e.target.value)}
            className={styles.numberInput}
          />
        </td>
      ))}
      <td>
        <button
          type="button"
          disabled={save.isPending || !name.trim()}
          onClick={() =>
            save.mutate({
              ...(policy.id ? { id: policy.id } : {}),
              name,
              teamId: teamId || null,
              priority: (priority || null) as Priority | null,
              firstResponseSeconds: fromMin(first),
              nextResponseSeconds: fromMin(next),
              resolutionSeconds: fromMin(resolution),
            })
          }
        >
          {policy.id ? t.save : t.add}
        </button>{' '}
        {policy.id && (
          <button type="button" className={styles.linkButton} disabled={remove.isPending} onClick={() => remove.mutate({ id: policy.id! })}>
            {t.delete}
          </button>
        )}
        {save.isSuccess && policy.id && <span role="status" className={styles.muted}> {t.saved}</span>}
        {(save.error ?? remove.error) && <span role="alert" className={styles.error}> {(save.error ?? remove.error)!.message}</span>}
      </td>
    </tr>
  );
}

const dayNames = (t: DeskDict) => [t.day_sun, t.day_mon, t.day_tue, t.day_wed, t.day_thu, t.day_fri, t.day_sat];

export function CalendarForm({ t, calendar }: { t: DeskDict; calendar: Calendar }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [timezone, setTimezone] = useState(calendar.timezone);
  const tzList = useId();
  const [hours, setHours] = useState(() => [0, 1, 2, 3, 4, 5, 6].map((day) => calendar.hours.find((h) => h.day === day) ?? null));
  const [holidays, setHolidays] = useState(calendar.holidays.map((h) => `${h.date} ${h.name}`).join('\n'));
  const save = useMutation(trpc.sla.saveCalendar.mutationOptions({ onSuccess: refresh }));
  const names = dayNames(t);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate({
      id: calendar.id,
      name: calendar.name,
      timezone,
      isDefault: calendar.isDefault,
      hours: hours.flatMap((h, day) => (h ? [{ ...h, day }] : [])),
      holidays: holidays
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => ({ date: l.slice(0, 10), name: l.slice(10).trim() })),
    });
  };
  return (
    <form onSubmit={submit} className={styles.calendarForm} data-testid="calendar-form">
      <h4 dir="auto">
        {calendar.name} {calendar.isDefault && <span className={styles.badge}>{t.defaultCalendar}</span>}
      </h4>
      <label>
        {t.timezone} <input value={timezone} onChange={(e) => setTimezone(e.target.value)} list={tzList} spellCheck={false} />
        <TimezoneList id={tzList} />
      </label>
      <table className={styles.table}>
        <tbody>
          {hours.map((h, day) => (
            <tr key={day}>
              <td>{names[day]}</td>
              <td>
                <label className={styles.checkLabel}>
                  <input type="checkbox" checked={!!h} onChange={(e) => setHours((xs) => xs.map((x, i) => (i === day ? (e.target.checked ? { day, open: 540, close: 1080 } : null) : x)))} />{' '}
                  {h ? t.open : t.closed}
                </label>
              </td>
              <td>
                {h && (
                  <>
                    <input aria-label={`${names[day]} ${t.opens}`} type="time" value={hhmm(h.open)} onChange={(e) => setHours((xs) => xs.map((x, i) => (i === day && x ? { ...x, open: minutesOf(e.target.value) } : x)))} />
                    {' – '}
                    <input
                      aria-label={`${names[day]} ${t.closes}`}
                      type="time"
                      value={hhmm(h.close)}
                      onChange={(e) => setHours((xs) => xs.map((x, i) => (i === day && x ? { ...x, close: minutesOf(e.target.value) } : x)))}
                    />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t.holidays}
        <textarea rows={6} value={holidays} onChange={(e) => setHolidays(e.target.value)} placeholder="2026-12-16 Victory Day" className={styles.holidays} />
      </label>
      <p className={styles.muted}>{t.holidaysHint}</p>
      <button type="submit" className={styles.primary} disabled={save.isPending}>
        {save.isPending ? t.loading : t.save}
      </button>{' '}
      {save.isSuccess && <span role="status" className={styles.muted}>{t.saved}</span>}
      {save.error && <span role="alert" className={styles.error}>{save.error.message}</span>}
    </form>
  );
}

/** The time zones this browser knows, offered while typing one (Asia/Dhaka first). */
function TimezoneList({ id }: { id: string }) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (
    <datalist id={id}>
      {['Asia/Dhaka', ...zones.filter((z) => z !== 'Asia/Dhaka')].map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

export function TeamCalendarRow({ t, team, calendars, current }: { t: DeskDict; team: Team; calendars: Calendar[]; current: string | null }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const set = useMutation(trpc.sla.setTeamCalendar.mutationOptions({ onSuccess: refresh }));
  return (
    <tr>
      <td dir="auto">{team.name}</td>
      <td>
        <select aria-label={`${team.name}: ${t.calendars}`} value={current ?? ''} onChange={(e) => set.mutate({ teamId: team.id, calendarId: e.target.value || null })}>
          <option value="">{t.defaultCalendar}</option>
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {set.error && <span role="alert" className={styles.error}> {set.error.message}</span>}
      </td>
    </tr>
  );
}
