'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import styles from '@/components/account/account.module.css';
import { CalendarForm, TeamCalendarRow } from '@/components/desk/sla-settings';
import { NewByName } from './new-by-name';
import deskStyles from '@/components/desk/desk.module.css';
import type { AdminDict } from '@/lib/admin-i18n';
import { deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
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
  const create = useMutation(
    trpc.sla.saveCalendar.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.admin.widgets.queryKey() });
      },
    }),
  );
  if (!settings.data || !teams.data) return <p className={styles.small}>{t.loading}</p>;
  return (
    <>
      <NewByName t={t} id="new-calendar" title={t.newCalendar} help={t.calendarHelp} label={t.calendarName} button={t.createCalendar} maxLength={80} create={(name) => create.mutateAsync(starterCalendar(name))} />
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
