'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDeskLocale } from '@/components/desk/use-desk-locale';
import { type AdminDict, adminDictionaries, fillText } from '@/lib/admin-i18n';
import { type Role, roles } from '@/lib/contracts/chat';
import type { DeskLocale } from '@/lib/desk-i18n';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import styles from '@/components/account/account.module.css';
import { CopyBox } from './copy-box';
import { HoursTab } from './hours-tab';
import { NewByName } from './new-by-name';
import { RepliesTab } from './replies-tab';
import { SettingsTab } from './settings-tab';
import { VendorsTab } from './vendors-tab';
import { WidgetsTab } from './widgets-tab';

type Named = { id: string; name: string };

/** A link the admin passes on (invitation or password reset), with a copy button. */
function LinkToCopy({ t, label, path }: { t: AdminDict; label: string; path: string }) {
  const url = typeof window === 'undefined' ? path : `${window.location.origin}${path}`;
  return <CopyBox label={label} text={url} copy={t.copy} copied={t.copied} testId="link" />;
}

function TeamChecks({ teams, value, onChange }: { teams: Named[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <span className={styles.row}>
      {teams.map((tm) => (
        <label key={tm.id} className={styles.small} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
          <input type="checkbox" checked={value.includes(tm.id)} onChange={(e) => onChange(e.target.checked ? [...value, tm.id] : value.filter((x) => x !== tm.id))} />
          {tm.name}
        </label>
      ))}
    </span>
  );
}

const TABS = ['people', 'teams', 'widgets', 'hours', 'replies', 'vendors', 'settings'] as const;
// Supervisors manage canned responses; everything else here is for admins.
const SUPERVISOR_TABS: readonly Tab[] = ['replies'];
type Tab = (typeof TABS)[number];
const tabOfHash = (): Tab => {
  const h = typeof window === 'undefined' ? '' : window.location.hash.slice(1);
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : 'people';
};

/** /admin: the workspace's people. Invitations by link, roles and teams, deactivation, password resets. */
export function PeopleView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [locale, setLocale] = useDeskLocale();
  const t = adminDictionaries[locale];
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  useEffect(() => {
    if (me.error) window.location.assign('/login?next=/admin');
    else if (me.data && me.data.role !== 'admin' && me.data.role !== 'supervisor') window.location.assign('/desk');
  }, [me.data, me.error]);
  const data = useQuery({ ...trpc.admin.people.queryOptions(), enabled: me.data?.role === 'admin' });
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.people.queryKey() });
  const [link, setLink] = useState<{ label: string; path: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // From the address after hydration (the server renders no hash), so the highlighted tab is the one shown.
  const [tab, setTab] = useState<Tab>('people');
  const isAdmin = me.data?.role === 'admin';
  const tabs = isAdmin ? TABS : me.data?.role === 'supervisor' ? SUPERVISOR_TABS : [];
  useEffect(() => {
    if (me.data) setTab(me.data.role === 'admin' ? tabOfHash() : 'replies');
  }, [me.data]);
  const choose = (next: Tab) => {
    setTab(next);
    window.history.replaceState(null, '', next === 'people' ? '#' : `#${next}`);
  };
  const tabLabel: Record<Tab, string> = { people: t.people, teams: t.teamsTab, widgets: t.widgetsTab, hours: t.hoursTab, replies: t.repliesTab, vendors: t.vendorsTab, settings: t.settingsTab };

  return (
    <div className={styles.page} lang={locale} style={{ maxWidth: 980 }}>
      <header className={styles.top}>
        <a href="/desk" className={styles.secondary}>
          ← {t.back}
        </a>
        <h1>{t.title}</h1>
        <nav className={styles.row} aria-label={t.title}>
          {tabs.map((k) => (
            <button key={k} type="button" className={tab === k ? styles.primary : styles.secondary} aria-current={tab === k ? 'page' : undefined} onClick={() => choose(k)} data-testid={`admin-tab-${k}`}>
              {tabLabel[k]}
            </button>
          ))}
        </nav>
        <button type="button" className={styles.secondary} onClick={() => setLocale(locale === 'en' ? 'bn' : 'en')}>
          {locale === 'en' ? 'বাংলা' : 'English'}
        </button>
      </header>
      {tab === 'replies' && me.data ? (
        <RepliesTab t={t} isAdmin={isAdmin} />
      ) : !data.data ? (
        <p className={styles.small}>{t.loading}</p>
      ) : tab === 'teams' ? (
        <TeamsTab t={t} people={data.data.people} onChange={refresh} />
      ) : tab === 'widgets' ? (
        <WidgetsTab t={t} locale={locale} onEditHours={() => choose('hours')} />
      ) : tab === 'settings' ? (
        <SettingsTab t={t} />
      ) : tab === 'vendors' ? (
        <VendorsTab t={t} locale={locale} />
      ) : tab === 'hours' ? (
        <HoursTab t={t} locale={locale} />
      ) : (
        <>
          <InviteForm t={t} teams={data.data.teams} vendors={data.data.vendors} onInvited={(email, path, emailed) => (setLink({ label: fillText(t.linkReady, { email }) + (emailed ? ` ${t.alsoEmailed}` : ''), path }), void refresh())} />
          {link && <LinkToCopy t={t} label={link.label} path={link.path} />}
          {notice && (
            <p className={styles.ok} role="status">
              {notice}
            </p>
          )}
          {data.data.pending.length > 0 && <Pending t={t} locale={locale} pending={data.data.pending} onChange={refresh} />}
          <section className={styles.card} aria-labelledby="everyone">
            <h2 id="everyone">{t.everyone}</h2>
            <ul className={styles.sessions} data-testid="people">
              {data.data.people.map((p) => (
                <Person
                  key={p.id}
                  t={t}
                  person={p}
                  isMe={p.id === me.data?.id}
                  teams={data.data.teams}
                  vendors={data.data.vendors}
                  onChange={refresh}
                  onLink={(path, emailed) => setLink({ label: fillText(t.resetReady, { name: p.name }) + (emailed ? ` ${t.alsoEmailed}` : ''), path })}
                  onNotice={setNotice}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function InviteForm({ t, teams, vendors, onInvited }: { t: AdminDict; teams: Named[]; vendors: Named[]; onInvited: (email: string, path: string, emailed: boolean) => void }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [vendorId, setVendorId] = useState('');
  const invite = useMutation(trpc.admin.invite.mutationOptions({ onSuccess: (r) => (onInvited(email.trim().toLowerCase(), r.path, r.emailed), setEmail(''), setName('')) }));
  return (
    <section className={styles.card} aria-labelledby="invite-title">
      <h2 id="invite-title">{t.invite}</h2>
      <p className={styles.small}>{t.inviteHelp}</p>
      <form
        className={styles.form}
        style={{ maxWidth: 'none' }}
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ email, name: name || null, role, teamIds: role === 'vendor' ? [] : teamIds, vendorId: role === 'vendor' ? vendorId || null : null });
        }}
      >
        <div className={styles.row}>
          <label className={styles.field}>
            {t.email}
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </label>
          <label className={styles.field}>
            {t.name}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          <label className={styles.field}>
            {t.role}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} style={{ padding: 10, borderRadius: 8 }}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
          </label>
          {role === 'vendor' && (
            <label className={styles.field}>
              {t.vendor}
              <select value={vendorId} onChange={(e) => setVendorId(e.target.value)} required style={{ padding: 10, borderRadius: 8 }}>
                <option value="">{t.chooseVendor}</option>
                {vendors.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {role !== 'vendor' && (
          <fieldset className={styles.small} style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>{t.teams}</legend>
            <TeamChecks teams={teams} value={teamIds} onChange={setTeamIds} />
          </fieldset>
        )}
        {invite.error && (
          <p role="alert" className={styles.error}>
            {adminErrorText(t.locale, invite.error.message)}
          </p>
        )}
        <div className={styles.row}>
          <button type="submit" className={styles.primary} disabled={invite.isPending}>
            {t.sendInvite}
          </button>
        </div>
      </form>
    </section>
  );
}

function Pending({ t, locale, pending, onChange }: { t: AdminDict; locale: DeskLocale; pending: { id: string; email: string; role: Role; expiresAt: Date }[]; onChange: () => void }) {
  const trpc = useTRPC();
  const revoke = useMutation(trpc.admin.revokeInvite.mutationOptions({ onSuccess: onChange }));
  return (
    <section className={styles.card} aria-labelledby="pending-title">
      <h2 id="pending-title">{t.pending}</h2>
      <ul className={styles.sessions} data-testid="pending">
        {pending.map((p) => (
          <li key={p.id} className={styles.session}>
            <span className={styles.sessionMain}>
              <strong>{p.email}</strong>
              <span className={styles.small}>
                {t.roles[p.role]} · {t.expires} {new Date(p.expiresAt).toLocaleDateString(locale === 'bn' ? 'bn-BD' : 'en-GB')}
              </span>
            </span>
            <button type="button" className={styles.danger} onClick={() => revoke.mutate({ id: p.id })} disabled={revoke.isPending}>
              {t.revoke}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type PersonRow = { id: string; name: string; email: string; role: Role; vendorId: string | null; isActive: boolean; totpEnabled: boolean; teamIds: string[]; languages: string[]; maxConcurrentChats: number };
const LANGS = ['bn', 'en', 'banglish'] as const;
type Lang = (typeof LANGS)[number];

function Person(props: { t: AdminDict; person: PersonRow; isMe: boolean; teams: Named[]; vendors: Named[]; onChange: () => void; onLink: (path: string, emailed: boolean) => void; onNotice: (s: string) => void }) {
  const { t, person: p, isMe, teams } = props;
  const trpc = useTRPC();
  const [role, setRole] = useState<Role>(p.role);
  const [teamIds, setTeamIds] = useState<string[]>(p.teamIds);
  const [languages, setLanguages] = useState<string[]>(p.languages);
  const [maxChats, setMaxChats] = useState(String(p.maxConcurrentChats));
  const placementDirty = role !== p.role || teamIds.slice().sort().join() !== p.teamIds.slice().sort().join();
  const routingDirty = languages.slice().sort().join() !== p.languages.slice().sort().join() || maxChats !== String(p.maxConcurrentChats);
  const dirty = placementDirty || routingDirty;
  const takesChats = ['admin', 'supervisor', 'agent'].includes(role);
  const update = useMutation(trpc.admin.updatePerson.mutationOptions({ onSuccess: props.onChange }));
  const routing = useMutation(trpc.routing.updateAgent.mutationOptions({ onSuccess: props.onChange }));
  const save = async () => {
    if (placementDirty) await update.mutateAsync({ userId: p.id, role, teamIds }).catch(() => {});
    if (routingDirty && takesChats) await routing.mutateAsync({ userId: p.id, languages: languages as Lang[], maxConcurrentChats: Number(maxChats) }).catch(() => {});
  };
  const deactivate = useMutation(trpc.admin.deactivate.mutationOptions({ onSuccess: (r) => (props.onNotice(fillText(t.returned, { name: p.name, n: r.returnedToQueue })), props.onChange()) }));
  const reactivate = useMutation(trpc.admin.reactivate.mutationOptions({ onSuccess: props.onChange }));
  const reset = useMutation(trpc.admin.resetPassword.mutationOptions({ onSuccess: (r) => props.onLink(r.path, r.emailed) }));
  const error = update.error ?? routing.error ?? deactivate.error ?? reactivate.error ?? reset.error;
  const vendorName = p.vendorId ? props.vendors.find((v) => v.id === p.vendorId)?.name : null;
  return (
    <li className={styles.session} data-testid="person" data-email={p.email} data-active={p.isActive ? 'true' : 'false'}>
      <div className={styles.sessionMain}>
        <strong>
          {p.name} {isMe && <span className={styles.current}>· {t.you}</span>}
        </strong>
        <span className={styles.small}>
          {p.email} · {p.isActive ? t.active : t.deactivated}
          {p.totpEnabled ? ` · ${t.twoFactor}` : ''}
          {vendorName ? ` · ${vendorName}` : ''}
        </span>
        {p.role !== 'vendor' && <TeamChecks teams={teams} value={teamIds} onChange={setTeamIds} />}
        {takesChats && (
          <span className={styles.row}>
            <span className={styles.small}>{t.languages}:</span>
            {LANGS.map((l) => (
              <label key={l} className={styles.small} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
                <input type="checkbox" checked={languages.includes(l)} onChange={(e) => setLanguages(e.target.checked ? [...languages, l] : languages.filter((x) => x !== l))} />
                {t.langNames[l]}
              </label>
            ))}
            <label className={styles.small} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
              {t.maxChats}
              <input type="number" min={1} max={50} value={maxChats} onChange={(e) => setMaxChats(e.target.value)} style={{ width: 64, padding: 4 }} aria-label={`${t.maxChats}: ${p.name}`} />
            </label>
          </span>
        )}
        {error && (
          <span role="alert" className={styles.error}>
            {adminErrorText(t.locale, error.message)}
          </span>
        )}
      </div>
      <div className={styles.row}>
        <select aria-label={`${t.role}: ${p.name}`} value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={isMe || p.role === 'vendor'} style={{ padding: 8, borderRadius: 8 }}>
          {roles.filter((r) => (p.role === 'vendor' ? r === 'vendor' : r !== 'vendor')).map((r) => (
            <option key={r} value={r}>
              {t.roles[r]}
            </option>
          ))}
        </select>
        {dirty && (
          <button type="button" className={styles.primary} onClick={() => void save()} disabled={update.isPending || routing.isPending}>
            {t.save}
          </button>
        )}
        <button type="button" className={styles.secondary} onClick={() => reset.mutate({ userId: p.id })} disabled={reset.isPending}>
          {t.resetPassword}
        </button>
        {!isMe &&
          (p.isActive ? (
            <button type="button" className={styles.danger} onClick={() => window.confirm(fillText(t.deactivateConfirm, { name: p.name })) && deactivate.mutate({ userId: p.id })}>
              {t.deactivate}
            </button>
          ) : (
            <button type="button" className={styles.secondary} onClick={() => reactivate.mutate({ userId: p.id })}>
              {t.reactivate}
            </button>
          ))}
      </div>
    </li>
  );
}

type TeamRow = { id: string; name: string; routingStrategy: string; calendarId: string | null; memberIds: string[]; openConversations: number };
const strategies = ['round_robin', 'load_balanced', 'skills'] as const;

/** Teams: create, rename, members, routing strategy, delete (only when nothing depends on the team). */
function TeamsTab({ t, people, onChange }: { t: AdminDict; people: PersonRow[]; onChange: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.admin.teams.queryOptions());
  const calendars = useQuery(trpc.sla.settings.queryOptions()).data?.calendars ?? [];
  const refresh = () => (void qc.invalidateQueries({ queryKey: trpc.admin.teams.queryKey() }), onChange());
  const create = useMutation(trpc.admin.createTeam.mutationOptions({ onSuccess: refresh }));
  const members = people.filter((p) => p.isActive && ['admin', 'supervisor', 'agent'].includes(p.role));
  return (
    <>
      <NewByName t={t} id="new-team" title={t.newTeam} label={t.teamName} button={t.createTeam} maxLength={60} create={(name) => create.mutateAsync({ name })} />
      <ul className={styles.sessions} data-testid="teams">
        {list.data?.map((team) => <TeamItem key={team.id} t={t} team={team} members={members} calendars={calendars} onChange={refresh} />)}
      </ul>
    </>
  );
}

function TeamItem({ t, team, members, calendars, onChange }: { t: AdminDict; team: TeamRow; members: PersonRow[]; calendars: Named[]; onChange: () => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState(team.name);
  const [memberIds, setMemberIds] = useState(team.memberIds);
  const [strategy, setStrategy] = useState(team.routingStrategy);
  const rename = useMutation(trpc.admin.renameTeam.mutationOptions({ onSuccess: onChange }));
  const setMembers = useMutation(trpc.admin.setTeamMembers.mutationOptions({ onSuccess: onChange }));
  const routing = useMutation(trpc.routing.updateTeam.mutationOptions({ onSuccess: onChange }));
  const remove = useMutation(trpc.admin.deleteTeam.mutationOptions({ onSuccess: onChange }));
  const calendar = useMutation(trpc.sla.setTeamCalendar.mutationOptions({ onSuccess: onChange }));
  const membersDirty = memberIds.slice().sort().join() !== team.memberIds.slice().sort().join();
  const error = rename.error ?? setMembers.error ?? routing.error ?? remove.error ?? calendar.error;
  return (
    <li className={styles.card} data-testid="team" data-name={team.name}>
      <div className={styles.row}>
        <label className={styles.field}>
          {t.teamName}
          <input value={name} onChange={(e) => setName(e.target.value)} minLength={2} maxLength={60} />
        </label>
        {name.trim() !== team.name && (
          <button type="button" className={styles.primary} onClick={() => rename.mutate({ teamId: team.id, name })} style={{ alignSelf: 'flex-end' }}>
            {t.save}
          </button>
        )}
        <label className={styles.field}>
          {t.strategy}
          <select
            value={strategy}
            onChange={(e) => {
              setStrategy(e.target.value);
              routing.mutate({ teamId: team.id, routingStrategy: e.target.value as (typeof strategies)[number] });
            }}
            style={{ padding: 10, borderRadius: 8 }}
          >
            {strategies.map((s) => (
              <option key={s} value={s}>
                {t.strategies[s]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {t.hours}
          <select value={team.calendarId ?? ''} onChange={(e) => calendar.mutate({ teamId: team.id, calendarId: e.target.value || null })} style={{ padding: 10, borderRadius: 8 }}>
            <option value="">{t.defaultCalendarOption}</option>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <span className={styles.small} style={{ alignSelf: 'flex-end' }}>
          {fillText(t.openInTeam, { n: team.openConversations })}
        </span>
      </div>
      <fieldset className={styles.small} style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{t.members}</legend>
        <TeamChecks teams={members.map((m) => ({ id: m.id, name: m.name }))} value={memberIds} onChange={setMemberIds} />
      </fieldset>
      <div className={styles.row}>
        {membersDirty && (
          <button type="button" className={styles.primary} onClick={() => setMembers.mutate({ teamId: team.id, userIds: memberIds })}>
            {t.saveMembers}
          </button>
        )}
        <button type="button" className={styles.danger} onClick={() => window.confirm(fillText(t.deleteTeamConfirm, { name: team.name })) && remove.mutate({ teamId: team.id })}>
          {t.deleteTeam}
        </button>
      </div>
      {error && (
        <p role="alert" className={styles.error}>
          {adminErrorText(t.locale, error.message)}
        </p>
      )}
    </li>
  );
}
