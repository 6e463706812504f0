'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import styles from '@/components/account/account.module.css';
import { CalendarForm, TeamCalendarRow } from '@/components/desk/sla-settings';
import deskStyles from '@/components/desk/desk.module.css';
import type { AdminDict } from '@/lib/admin-i18n';
import { deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';

// Bangladesh's fixed-date public holidays; the lunar ones (Eid, Shab-e-Barat…) move each year and are added by hand.
const FIXED_HOLIDAYS = [
  ['02-21', 'Shaheed Dibosh / International Mother Language Day'],
  ['03-26', 'Independence Day'],
  ['04-14', 'Pohela Boishakh'],
  ['05-01', 'May Day'],
  ['12-16', 'Victory Day'],
  ['12-25', 'Christmas Day'],
] as const;

/** A new calendar starts as a Bangladeshi working week: Sunday to Thursday, 09:00–18:00, with the fixed holidays. */
function starterCalendar(name: string) {
  const year = new Date().getFullYear();
  return {
    name,
    timezone: 'Asia/Dhaka',
    hours: [0, 1, 2, 3, 4].map((day) => ({ day, open: 540, close: 1080 })),
    holidays: [year, year + 1].flatMap((y) => FIXED_HOLIDAYS.map(([md, n]) => ({ date: `${y}-${md}`, name: n }))),
    isDefault: false,
  };
}

/** /admin#hours: business-hours calendars (weekly schedule, time zone, holidays) and which one each team keeps. */
export function HoursTab({ t, locale }: { t: AdminDict; locale: DeskLocale }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const dt = deskDictionaries[locale];
  const settings = useQuery(trpc.sla.settings.queryOptions());
  const teams = useQuery(trpc.admin.teams.queryOptions());
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.sla.saveCalendar.mutationOptions({
      onSuccess: () => {
        setName('');
        void qc.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.admin.widgets.queryKey() });
      },
    }),
  );
  if (!settings.data || !teams.data) return <p className={styles.small}>{t.loading}</p>;
  return (
    <>
      <section className={styles.card} aria-labelledby="new-calendar">
        <h2 id="new-calendar">{t.newCalendar}</h2>
        <p className={styles.small}>{t.calendarHelp}</p>
        <form className={styles.row} onSubmit={(e) => (e.preventDefault(), create.mutate(starterCalendar(name)))}>
          <label className={styles.field}>
            {t.calendarName}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
          </label>
          <button type="submit" className={styles.primary} disabled={create.isPending || !name.trim()} style={{ alignSelf: 'flex-end' }}>
            {t.createCalendar}
          </button>
        </form>
        {create.error && (
          <p role="alert" className={styles.error}>
            {adminErrorText(t.locale, create.error.message)}
          </p>
        )}
      </section>
      <section className={styles.card} aria-labelledby="calendars">
        <h2 id="calendars">{dt.calendars}</h2>
        <p className={styles.small}>{t.hoursHelp}</p>
        {settings.data.calendars.map((c) => (
          <CalendarForm key={c.id} t={dt} calendar={c} />
        ))}
      </section>
      <section className={styles.card} aria-labelledby="team-calendars">
        <h2 id="team-calendars">{dt.teamCalendars}</h2>
        <table className={deskStyles.table}>
          <tbody>
            {teams.data.map((team) => (
              <TeamCalendarRow key={team.id} t={dt} team={team} calendars={settings.data.calendars} current={settings.data.teamCalendars[team.id] ?? null} />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
