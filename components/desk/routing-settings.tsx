'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

const strategies = ['round_robin', 'load_balanced', 'skills'] as const;
const languages = ['bn', 'en', 'banglish'] as const;

type Team = { id: string; name: string; routingStrategy: (typeof strategies)[number]; reassignAfterSeconds: number | null; overflowAfterSeconds: number | null; overflowTeamId: string | null };
type Agent = { id: string; name: string; presence: string; capacity: number; load: number; languages: string[]; skills: string[] };

// Minutes in the form, seconds in the API; blank means off.
const toMinutes = (s: number | null) => (s === null ? '' : String(Math.round((s / 60) * 10) / 10));
const toSeconds = (m: string) => (m.trim() === '' ? null : Math.round(Number(m) * 60));

/** Supervisors and admins: each team's routing strategy and timers, each agent's capacity, languages and skills. */
export function RoutingSettings({ t, locale }: { t: DeskDict; locale: DeskLocale }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.routing.settings.queryOptions());
  return (
    <section aria-labelledby="routing-settings" data-testid="routing-settings">
      <h2 id="routing-settings">{t.routingSettings}</h2>
      {settings.isPending && <p className={styles.muted}>{t.loading}</p>}
      {settings.error && <p role="alert" className={styles.error}>{settings.error.message}</p>}
      {settings.data && (
        <>
          <h3>{t.teamsHeading}</h3>
          <div className={styles.tableScroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t.team}</th>
                <th>{t.strategy}</th>
                <th>{t.reassignAfter}</th>
                <th>{t.overflowAfter}</th>
                <th>{t.overflowTo}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {settings.data.teams.map((team) => (
                <TeamRow key={team.id} t={t} team={team} teams={settings.data.teams} />
              ))}
            </tbody>
          </table>
          </div>
          <h3>{t.agentsHeading}</h3>
          <div className={styles.tableScroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t.agent}</th>
                <th>{t.load}</th>
                <th>{t.capacity}</th>
                <th>{t.languages}</th>
                <th>{t.skills}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {settings.data.agents.map((agent) => (
                <AgentRow key={agent.id} t={t} locale={locale} agent={agent} />
              ))}
            </tbody>
          </table>
          </div>
        </>
      )}
    </section>
  );
}

function useSaved() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: trpc.routing.settings.queryKey() });
}

function TeamRow({ t, team, teams }: { t: DeskDict; team: Team; teams: Team[] }) {
  const trpc = useTRPC();
  const refresh = useSaved();
  const [strategy, setStrategy] = useState(team.routingStrategy);
  const [reassign, setReassign] = useState(toMinutes(team.reassignAfterSeconds));
  const [overflow, setOverflow] = useState(toMinutes(team.overflowAfterSeconds));
  const [overflowTeam, setOverflowTeam] = useState(team.overflowTeamId ?? '');
  const save = useMutation(trpc.routing.updateTeam.mutationOptions({ onSuccess: refresh }));
  const label = (what: string) => `${team.name}: ${what}`;
  return (
    <tr data-testid="routing-team" data-team={team.name}>
      <td dir="auto">{team.name}</td>
      <td>
        <select aria-label={label(t.strategy)} value={strategy} onChange={(e) => setStrategy(e.target.value as Team['routingStrategy'])}>
          {strategies.map((s) => (
            <option key={s} value={s}>
              {t[`strategy_${s}`]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input aria-label={label(t.reassignAfter)} type="number" min={0.1} step={0.5} inputMode="decimal" placeholder={t.off} value={reassign} onChange={(e) => setReassign(e.target.value)} className={styles.numberInput} />
      </td>
      <td>
        <input aria-label={label(t.overflowAfter)} type="number" min={0.1} step={0.5} inputMode="decimal" placeholder={t.off} value={overflow} onChange={(e) => setOverflow(e.target.value)} className={styles.numberInput} />
      </td>
      <td>
        <select aria-label={label(t.overflowTo)} value={overflowTeam} onChange={(e) => setOverflowTeam(e.target.value)}>
          <option value="">{t.off}</option>
          {teams
            .filter((x) => x.id !== team.id)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </select>
      </td>
      <td>
        <button
          type="button"
          disabled={save.isPending}
          onClick={() =>
            save.mutate({
              teamId: team.id,
              routingStrategy: strategy,
              reassignAfterSeconds: toSeconds(reassign),
              overflowAfterSeconds: toSeconds(overflow),
              overflowTeamId: overflowTeam || null,
            })
          }
        >
          {save.isPending ? t.loading : t.save}
        </button>{' '}
        {save.isSuccess && <span role="status" className={styles.muted}>{t.saved}</span>}
        {save.error && <span role="alert" className={styles.error}>{save.error.message}</span>}
      </td>
    </tr>
  );
}

function AgentRow({ t, locale, agent }: { t: DeskDict; locale: DeskLocale; agent: Agent }) {
  const trpc = useTRPC();
  const refresh = useSaved();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [langs, setLangs] = useState<string[]>(agent.languages);
  const [skills, setSkills] = useState(agent.skills.join(', '));
  const save = useMutation(trpc.routing.updateAgent.mutationOptions({ onSuccess: refresh }));
  const label = (what: string) => `${agent.name}: ${what}`;
  return (
    <tr data-testid="routing-agent" data-agent={agent.name}>
      <td dir="auto">
        <span className={`${styles.dot} ${styles[agent.presence as 'online' | 'away' | 'offline']}`} aria-hidden /> {agent.name}
      </td>
      <td data-testid="agent-load">
        {formatNumber(agent.load, locale)} / {formatNumber(agent.capacity, locale)}
      </td>
      <td>
        <input aria-label={label(t.capacity)} type="number" min={1} max={50} value={capacity} onChange={(e) => setCapacity(e.target.value)} className={styles.numberInput} />
      </td>
      <td>
        {languages.map((l) => (
          <label key={l} className={styles.checkLabel}>
            <input type="checkbox" checked={langs.includes(l)} onChange={(e) => setLangs((xs) => (e.target.checked ? [...xs, l] : xs.filter((x) => x !== l)))} /> {t[`lang_${l}`]}
          </label>
        ))}
      </td>
      <td>
        <input aria-label={label(t.skills)} value={skills} onChange={(e) => setSkills(e.target.value)} dir="auto" />
      </td>
      <td>
        <button
          type="button"
          disabled={save.isPending}
          onClick={() =>
            save.mutate({
              userId: agent.id,
              maxConcurrentChats: Number(capacity),
              languages: langs.filter((l): l is (typeof languages)[number] => (languages as readonly string[]).includes(l)),
              skills: skills.split(',').map((s) => s.trim()).filter(Boolean),
            })
          }
        >
          {save.isPending ? t.loading : t.save}
        </button>{' '}
        {save.isSuccess && <span role="status" className={styles.muted}>{t.saved}</span>}
        {save.error && <span role="alert" className={styles.error}>{save.error.message}</span>}
      </td>
    </tr>
  );
}
